package io.glassbox.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The workshop pages (docs/workshop-api.md, "Pages"): the staff sign-in and workshop list, the live dashboard,
 * a learner's join page and the resume link. They are shells in the reader's language; the browser code
 * (frontend/src/staff, frontend/src/join) fills them from the workshop API, so the server renders no one's
 * data into HTML and every page enforces the same authorization as the API.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WorkshopPageResource {

    /** Type-checked templates under templates/WorkshopPageResource/. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance staff(String language);

        static native TemplateInstance dashboard(String language, String workshopId);

        static native TemplateInstance join(String language, String code);

        static native TemplateInstance resume(String language);

        static native TemplateInstance replay(String language, String recordings, String back);
    }

    @GET
    @Path("staff")
    public TemplateInstance staff(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return Templates.staff(Language.pick(lang, accept));
    }

    @GET
    @Path("staff/workshops/{id}")
    public TemplateInstance dashboard(@PathParam("id") String id, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return Templates.dashboard(Language.pick(lang, accept), id);
    }

    @GET
    @Path("join/{code}")
    public TemplateInstance join(@PathParam("code") String code, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return Templates.join(Language.pick(lang, accept), code);
    }

    /** A learner replays their own recordings (docs/recordings.md); the page asks the API with their cookie. */
    @GET
    @Path("replay")
    public TemplateInstance replay(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return Templates.replay(Language.pick(lang, accept), "/api/me/recordings", "/");
    }

    /** Staff replay a learner's recordings, opened from the dashboard's learner panel. */
    @GET
    @Path("staff/workshops/{id}/learners/{learner}/replay")
    public TemplateInstance staffReplay(@PathParam("id") String id, @PathParam("learner") String learner,
            @QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        String workshop = "/api/workshops/" + encode(id);
        return Templates.replay(Language.pick(lang, accept), workshop + "/learners/" + encode(learner) + "/recordings",
                "/staff/workshops/" + encode(id));
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @GET
    @Path("resume")
    public TemplateInstance resume(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        return Templates.resume(Language.pick(lang, accept));
    }
}
