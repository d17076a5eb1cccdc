package com.ngx.marketplace.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ngx.marketplace.internal.Certification;
import com.ngx.marketplace.internal.Listings;
import com.ngx.marketplace.internal.MarketplaceConfiguration;
import com.ngx.marketplace.internal.Pricing;
import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.PublisherPrincipal;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Validator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** A publisher's listings and versions: upload, certification report, publishing (operators). */
@Component(service = ListingResource.class, configurationPid = "com.ngx.marketplace")
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("listings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "listings", description = "Listings and versions (publisher key; operators see all)")
@SecurityRequirement(name = "bearer")
public final class ListingResource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A listing as a publisher sends it. {@code pricing} is an object {@code {"model": "free" | "one-off" |
   * "monthly" | "per-usage", "price": "19.99", "currency": "USD", "unit": "lead", "trialDays": 14}} (or
   * the amount in minor units as {@code priceMinor}), or just the model as a string for free add-ons.
   */
  public record ListingDTO(
      String pluginId,
      String name,
      String summary,
      String description,
      String category,
      @com.fasterxml.jackson.annotation.JsonAlias("icon") String iconUrl,
      List<String> screenshots,
      JsonNode pricing) {}

  /** A listing with its versions. */
  public record ListingPageDTO(List<Listings.Listing> items) {}

  /** An operator's override of the revenue split. */
  public record ShareDTO(Integer publisherShareBasisPoints) {}

  private final Listings listings;
  private final Certification certification;
  private final long maxBytes;

  @Activate
  public ListingResource(
      @Reference Listings listings, @Reference Certification certification, MarketplaceConfiguration config) {
    this.listings = listings;
    this.certification = certification;
    this.maxBytes = config.maxArtifactBytes();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(publisher = true)
  @Operation(summary = "Create a listing for a plugin id (the NGX-Plugin-Id its bundles declare)")
  public Response create(@Context SecurityContext security, ListingDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body is required");
    }
    PublisherPrincipal p = (PublisherPrincipal) ApiPrincipal.of(security);
    Validator v = new Validator();
    Listings.Listing l = listings.create(p.publisherId(), input(body, v, true), v);
    return Response.created(URI.create("listings/" + l.id())).entity(l).build();
  }

  @GET
  @Access(publisher = true)
  @Operation(summary = "The calling publisher's listings")
  public ListingPageDTO mine(@Context SecurityContext security) {
    PublisherPrincipal p = (PublisherPrincipal) ApiPrincipal.of(security);
    return new ListingPageDTO(listings.byPublisher(p.publisherId()));
  }

  @GET
  @Path("{id}")
  @Access(operator = true, publisher = true)
  @Operation(summary = "A listing")
  public Listings.Listing get(@Context SecurityContext security, @PathParam("id") String id) {
    return owned(security, id);
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(publisher = true)
  @Operation(summary = "Change a listing's texts, category, images or pricing (not its plugin id)")
  public Listings.Listing update(@Context SecurityContext security, @PathParam("id") String id, ListingDTO body) {
    Listings.Listing l = owned(security, id);
    if (body == null) {
      throw ApiException.badRequest("A JSON body is required");
    }
    Validator v = new Validator();
    return listings.update(l.id(), input(body, v, false), v);
  }

  @PUT
  @Path("{id}/revenue-share")
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(operator = true)
  @Operation(summary = "Override the publisher's share for this listing (basis points; null: platform default)")
  public Listings.Listing share(@PathParam("id") String id, ShareDTO body) {
    return listings.setPublisherShare(PathIds.uuid(id, "listing"), body == null ? null : body.publisherShareBasisPoints());
  }

  @POST
  @Path("{id}/versions")
  @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
  @Access(publisher = true)
  @Operation(summary = "Upload a version (the signed bundle jar); certification runs in the background")
  public Response upload(
      @Context SecurityContext security, @PathParam("id") String id, @QueryParam("changelog") String changelog,
      InputStream body) {
    Listings.Listing l = owned(security, id);
    byte[] bytes = read(body);
    Listings.ListingVersion v = listings.submit(l.id(), bytes, changelog, maxBytes);
    certification.enqueue(v.id());
    return Response.accepted(view(v))
        .location(URI.create("listings/" + l.id() + "/versions/" + v.version()))
        .build();
  }

  @GET
  @Path("{id}/versions")
  @Access(operator = true, publisher = true)
  @Operation(summary = "A listing's versions, newest first")
  public List<Map<String, Object>> versions(@Context SecurityContext security, @PathParam("id") String id) {
    Listings.Listing l = owned(security, id);
    return listings.versions(l.id()).stream().map(ListingResource::view).toList();
  }

  @GET
  @Path("{id}/versions/{version}")
  @Access(operator = true, publisher = true)
  @Operation(summary = "A version: its status and certification report")
  public Map<String, Object> version(
      @Context SecurityContext security, @PathParam("id") String id, @PathParam("version") String version) {
    Listings.Listing l = owned(security, id);
    return view(listings.version(l.id(), version).orElseThrow(() -> ApiException.notFound("No version " + version)));
  }

  @POST
  @Path("{id}/versions/{version}/publish")
  @Access(operator = true)
  @Operation(summary = "Publish a certified version (when auto-publish is off)")
  public Map<String, Object> publish(@PathParam("id") String id, @PathParam("version") String version) {
    return view(listings.setPublished(PathIds.uuid(id, "listing"), version, true));
  }

  @POST
  @Path("{id}/versions/{version}/unpublish")
  @Access(operator = true)
  @Operation(summary = "Take a version out of the catalog (installed tenants keep it)")
  public Map<String, Object> unpublish(@PathParam("id") String id, @PathParam("version") String version) {
    return view(listings.setPublished(PathIds.uuid(id, "listing"), version, false));
  }

  private Listings.Listing owned(SecurityContext security, String id) {
    Listings.Listing l = listings.get(PathIds.uuid(id, "listing"))
        .orElseThrow(() -> ApiException.notFound("No listing " + id));
    Callers.requireListingOwner(security, l);
    return l;
  }

  private byte[] read(InputStream body) {
    if (body == null) {
      throw ApiException.invalid("body", "must be the plugin's jar");
    }
    try {
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new ApiException(413, "Payload too large", "The artifact exceeds " + maxBytes + " bytes", List.of());
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.badRequest("The upload could not be read: " + e.getMessage());
    }
  }

  static Map<String, Object> view(Listings.ListingVersion v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", v.id());
    out.put("listingId", v.listingId());
    out.put("version", v.version());
    out.put("status", v.status());
    out.put("symbolicName", v.symbolicName());
    out.put("apiRange", v.apiRange());
    out.put("sha256", v.sha256());
    out.put("size", v.size());
    out.put("changelog", v.changelog());
    out.put("submittedAt", v.submittedAt());
    out.put("certifiedAt", v.certifiedAt());
    out.put("publishedAt", v.publishedAt());
    try {
      out.put("report", v.report() == null ? null : JSON.readTree(v.report()));
    } catch (IOException e) {
      out.put("report", null);
    }
    return out;
  }

  private static Listings.ListingInput input(ListingDTO body, Validator v, boolean creating) {
    Pricing pricing = null;
    JsonNode p = body.pricing();
    if (p != null && !p.isNull()) {
      if (p.isTextual()) {
        pricing = Pricing.of(v, p.asText(), null, null, null, null, null);
      } else if (p.isObject()) {
        JsonNode model = p.has("model") ? p.get("model") : p.get("type");
        JsonNode price = p.has("price") ? p.get("price") : p.get("amount");
        pricing =
            Pricing.of(
                v,
                model == null || model.isNull() ? null : model.asText(),
                price == null || price.isNull() ? null : price.asText(),
                p.hasNonNull("amountMinor") ? Long.valueOf(p.get("amountMinor").asLong())
                    : p.hasNonNull("priceMinor") ? Long.valueOf(p.get("priceMinor").asLong()) : null,
                p.hasNonNull("currency") ? p.get("currency").asText() : null,
                p.hasNonNull("unit") ? p.get("unit").asText() : null,
                p.hasNonNull("trialDays") ? p.get("trialDays").asInt() : null);
      } else {
        v.error("pricing", "must be an object such as {\"model\":\"monthly\",\"price\":\"19.00\"}");
      }
    } else if (creating) {
      v.error("pricing", "is required, e.g. {\"model\":\"free\"}");
    }
    return new Listings.ListingInput(
        body.pluginId() == null ? null : body.pluginId().strip(),
        body.name(),
        body.summary(),
        body.description(),
        body.category(),
        body.iconUrl(),
        body.screenshots(),
        pricing);
  }
}
