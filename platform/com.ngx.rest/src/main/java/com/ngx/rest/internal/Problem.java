package com.ngx.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.ngx.rest.FieldError;
import java.util.List;

/** An RFC 9457 problem document, with the field errors of a rejected request. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, String instance, List<FieldError> errors) {

  static final String ABOUT_BLANK = "about:blank";
}
