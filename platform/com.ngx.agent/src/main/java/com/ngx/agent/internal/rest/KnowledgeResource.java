package com.ngx.agent.internal.rest;

import com.ngx.agent.internal.knowledge.KnowledgeLimits;
import com.ngx.agent.internal.knowledge.Passage;
import com.ngx.agent.internal.model.DefinitionReader;
import com.ngx.agent.internal.service.Knowledge;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.MaxBodySize;
import com.ngx.rest.Page;
import com.ngx.rest.PathIds;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.Part;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
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

/** An agent's knowledge base: upload (multipart), replace, list, delete, search. */
@Component(service = KnowledgeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("agents/{id}/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "knowledge", description = "Knowledge bases of the tenant's agents (tenant key)")
@SecurityRequirement(name = "bearer")
public final class KnowledgeResource {
  static final long MAX_UPLOAD = KnowledgeLimits.MAX_CONTENT_BYTES + 64 * 1024;

  private final Knowledge knowledge;

  @Activate
  public KnowledgeResource(@Reference Knowledge knowledge) {
    this.knowledge = knowledge;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @MaxBodySize(MAX_UPLOAD)
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Upload a document (multipart field file: text, Markdown, HTML or PDF; optional fields name, language)")
  public Response upload(@Context SecurityContext security, @Context HttpServletRequest request, @PathParam("id") String id) {
    TenantPrincipal p = TenantPrincipal.of(security);
    Upload u = read(request);
    Knowledge.DocumentView d = knowledge.upload(p.tenant(), p.schema(), AgentResource.agentId(id), null, u.fileName, u.mediaType, u.content, u.language, u.name);
    return Response.created(URI.create("agents/" + id + "/knowledge/" + d.id())).entity(d).build();
  }

  @PUT
  @Path("{document}")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @MaxBodySize(MAX_UPLOAD)
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Replace a document's content; it is re-chunked and re-indexed")
  public Knowledge.DocumentView replace(@Context SecurityContext security, @Context HttpServletRequest request,
      @PathParam("id") String id, @PathParam("document") String document) {
    TenantPrincipal p = TenantPrincipal.of(security);
    Upload u = read(request);
    return knowledge.upload(p.tenant(), p.schema(), AgentResource.agentId(id), PathIds.uuid(document, "document").toString(), u.fileName,
        u.mediaType, u.content, u.language, u.name);
  }

  @GET
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "The agent's knowledge documents")
  public Page<Knowledge.DocumentView> list(@Context SecurityContext security, @PathParam("id") String id,
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    return knowledge.list(TenantPrincipal.of(security).schema(), AgentResource.agentId(id), offset, limit);
  }

  @GET
  @Path("{document}")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "One knowledge document")
  public Knowledge.DocumentView get(@Context SecurityContext security, @PathParam("id") String id, @PathParam("document") String document) {
    return knowledge.get(TenantPrincipal.of(security).schema(), AgentResource.agentId(id), PathIds.uuid(document, "document").toString());
  }

  @DELETE
  @Path("{document}")
  @Access(scope = Scopes.AGENTS_WRITE)
  @Operation(summary = "Remove a document from the knowledge base")
  public Response delete(@Context SecurityContext security, @PathParam("id") String id, @PathParam("document") String document) {
    knowledge.delete(TenantPrincipal.of(security).schema(), AgentResource.agentId(id), PathIds.uuid(document, "document").toString());
    return Response.noContent().build();
  }

  @GET
  @Path("search")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "The passages that best match a query (hybrid BM25 + vectors)")
  public List<Passage> search(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("q") String q,
      @QueryParam("limit") @DefaultValue("5") int limit) {
    if (q == null || q.isBlank() || q.length() > 500) {
      throw ApiException.invalid("q", "is required, at most 500 characters");
    }
    if (limit < 1 || limit > 20) {
      throw ApiException.invalid("limit", "must be from 1 to 20");
    }
    TenantPrincipal p = TenantPrincipal.of(security);
    return knowledge.search(p.tenant(), p.schema(), AgentResource.agentId(id), q, limit);
  }

  private static final class Upload {
    String fileName;
    String mediaType;
    byte[] content;
    String language;
    String name;
  }

  private static Upload read(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
      throw ApiException.badRequest("Send the document as multipart/form-data with a field named file");
    }
    try {
      Part file = request.getPart("file");
      if (file == null) {
        throw ApiException.invalid("file", "is required: the multipart field file");
      }
      if (file.getSize() > KnowledgeLimits.MAX_CONTENT_BYTES) {
        throw ApiException.invalid("file", "is larger than " + KnowledgeLimits.MAX_CONTENT_BYTES + " bytes");
      }
      Upload u = new Upload();
      u.fileName = file.getSubmittedFileName() == null ? "document" : file.getSubmittedFileName();
      u.mediaType = file.getContentType();
      try (InputStream in = file.getInputStream()) {
        u.content = in.readNBytes(KnowledgeLimits.MAX_CONTENT_BYTES + 1);
      }
      u.language = field(request, "language");
      if (u.language != null && !DefinitionReader.LANGUAGES.contains(u.language)) {
        throw ApiException.invalid("language", "must be one of " + DefinitionReader.LANGUAGES.stream().sorted().toList());
      }
      u.name = field(request, "name");
      if (u.name != null && u.name.length() > 200) {
        throw ApiException.invalid("name", "must be at most 200 characters");
      }
      return u;
    } catch (IllegalStateException e) {
      throw new ApiException(413, "Payload too large", "The upload exceeds the size limit", List.of());
    } catch (IOException | ServletException e) {
      throw ApiException.badRequest("The multipart body could not be read: " + e.getMessage());
    }
  }

  private static String field(HttpServletRequest request, String name) throws IOException, ServletException {
    Part p = request.getPart(name);
    if (p == null) {
      return null;
    }
    try (InputStream in = p.getInputStream()) {
      String v = new String(in.readNBytes(1000), java.nio.charset.StandardCharsets.UTF_8).strip();
      return v.isEmpty() ? null : v;
    }
  }
}
