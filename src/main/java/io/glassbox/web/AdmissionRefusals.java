package io.glassbox.web;

import io.glassbox.session.AdmissionException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A start refused by admission: 429 when this client hit its own limit (rate, sessions at once), 503 when the
 * free sessions' share of the server is full, 403 when the server gives no free sessions. The JSON says which
 * limit and what to do; Retry-After says when asking again may succeed (docs/session-api.md).
 */
public class AdmissionRefusals {

    @ServerExceptionMapper
    public Response refused(AdmissionException e) {
        Response.ResponseBuilder response = Response.status(e.limit().status()).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.limit().code(), e.getMessage()));
        if (e.retryAfter() != null) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.build();
    }
}
