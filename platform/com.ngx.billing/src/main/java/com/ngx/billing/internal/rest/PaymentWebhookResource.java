package com.ngx.billing.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.web.WebRequest;
import com.ngx.billing.internal.Payments;
import com.ngx.rest.MaxBodySize;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.UriInfo;
import com.ngx.rest.Access;
import com.ngx.rest.RestConstants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Payment providers' webhooks, {@code POST /plugins/{provider}/webhook} (e.g. Stripe's): no key — the
 * provider's plugin verifies the signature on the raw body; each event id is applied once. The
 * {@code webhook} path of {@code /plugins/{id}/…} is reserved for payment providers.
 */
@Component(service = PaymentWebhookResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("plugins/{provider}/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
public final class PaymentWebhookResource {
  static final int MAX_BODY = 512 * 1024;
  private final Payments payments;

  @Activate
  public PaymentWebhookResource(@Reference Payments payments) {
    this.payments = payments;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Access(anonymous = true)
  @MaxBodySize(MAX_BODY)
  @Operation(summary = "A payment provider's webhook (verified by the provider's plugin on the raw body; events de-duplicated by id)")
  public ObjectNode receive(@PathParam("provider") String provider, @Context HttpHeaders headers,
      @Context UriInfo uri, InputStream body) throws IOException {
    byte[] raw = body.readNBytes(MAX_BODY + 1);
    if (raw.length > MAX_BODY) {
      throw new com.ngx.rest.ApiException(413, "Payload too large", "A webhook body is at most 512 KiB", List.of());
    }
    Map<String, List<String>> hs = new LinkedHashMap<>();
    headers.getRequestHeaders().forEach((k, v) -> hs.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    Map<String, List<String>> query = new LinkedHashMap<>();
    uri.getQueryParameters().forEach((k, v) -> query.put(k, List.copyOf(v)));
    int applied = payments.webhook(provider, new WebRequest("POST", "/webhook", Map.copyOf(query), Map.copyOf(hs),
        raw, true));
    ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("received", true);
    o.put("applied", applied);
    return o;
  }
}
