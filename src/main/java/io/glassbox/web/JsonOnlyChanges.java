package io.glassbox.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Changes to workshops, staff and learners must come as JSON (docs/workshop-api.md): a page of another origin
 * cannot send that without the browser asking first. {@code @Consumes(application/json)} refuses a form, but lets
 * through a POST with no Content-Type at all, which any page can send without asking (a bodiless
 * {@code fetch}); this refuses that too.
 */
public class JsonOnlyChanges {

    @ServerRequestFilter
    public Optional<Response> requireJson(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || request.getMediaType() != null) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/staff") || path.startsWith("/api/workshops") || path.startsWith("/api/learners")) {
            return Optional.of(ApiExceptionMappers.error(Response.Status.UNSUPPORTED_MEDIA_TYPE, "http-415",
                    "Send JSON (Content-Type: application/json)."));
        }
        return Optional.empty();
    }
}
