package io.glassbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.glassbox.sandbox.LabHostException;
import io.glassbox.recording.RecordingException;
import io.glassbox.session.SessionException;
import io.glassbox.workshop.WorkshopException;
import io.glassbox.workshop.store.StoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure an API caller can meet into a JSON {@link ApiError} with the right status. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response session(SessionException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> error(Response.Status.NOT_FOUND, "session-not-found", e.getMessage());
            case LESSON_NOT_FOUND -> error(Response.Status.NOT_FOUND, "lesson-not-found", e.getMessage());
            case TOKEN_MISSING -> error(Response.Status.UNAUTHORIZED, "token-missing", e.getMessage());
            case TOKEN_WRONG -> error(Response.Status.FORBIDDEN, "token-wrong", e.getMessage());
            case CAPACITY -> Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE, "capacity", e.getMessage()))
                    .header("Retry-After", "10").build();
            case INVALID -> error(Response.Status.BAD_REQUEST, "invalid-request", e.getMessage());
            case CONFLICT -> error(Response.Status.CONFLICT, "conflict", e.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response recording(RecordingException e) {
        if (e.reason() == RecordingException.Reason.NOT_FOUND) {
            return error(Response.Status.NOT_FOUND, "recording-not-found", e.getMessage());
        }
        LOG.error("reading a recording failed", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR, "recording-unreadable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response workshop(WorkshopException e) {
        return error(Response.Status.fromStatusCode(e.reason().status()), e.reason().code(), e.getMessage());
    }

    /** The database failed (PostgreSQL down, disk full): nothing was half-written, and it may work again soon. */
    @ServerExceptionMapper
    public Response store(StoreException e) {
        LOG.error("workshop database failure", e);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", "10").entity(new ApiError("database-unavailable", "The workshop database did"
                        + " not answer (" + e.getMessage() + "). Nothing was saved half-way; try again in a moment."))
                .build();
    }

    @ServerExceptionMapper
    public Response labHost(LabHostException e) {
        LOG.error("lab host failure", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR, "lab-host-failed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "malformed-json",
                "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    /** Valid JSON of the wrong shape ({@code [1,2,3]} where an object belongs); Quarkus's own mapper sends no body. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return error(Response.Status.BAD_REQUEST, "invalid-request", "The request body has the wrong shape: "
                + e.getOriginalMessage() + ". Send a JSON object, e.g. {\"lesson\": \"02-uts-namespace\"}.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "No such API endpoint. See the README for the API.";
            case 405 -> "That HTTP method is not allowed here.";
            case 415 -> "Send JSON (Content-Type: application/json).";
            default -> e.getMessage();
        };
        return error(Response.Status.fromStatusCode(status), "http-" + status, message);
    }

    static Response error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(code, message)).build();
    }
}
