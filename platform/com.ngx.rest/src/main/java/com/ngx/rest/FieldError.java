package com.ngx.rest;

/**
 * One invalid field of a request.
 *
 * @param field the JSON path of the field ({@code slug}, {@code scopes[2]}) or the parameter
 *     ({@code query.limit})
 * @param message what is wrong with it, in plain words
 */
public record FieldError(String field, String message) {}
