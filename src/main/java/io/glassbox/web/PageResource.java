package io.glassbox.web;

import io.glassbox.app.Engine;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The start page: the lesson picker and, once a session starts, the terminal and the lesson panel. The lesson
 * cards come in the learner's language, which the page also declares ({@code <html lang>}) so the browser code
 * knows whether to fetch them again in a language the learner chose. Everything after the first render happens
 * in the browser (frontend/, served from /assets), talking to the sessions and lessons APIs and the terminal
 * WebSocket.
 */
@Path("/")
public class PageResource {

    private final Engine engine;

    public PageResource(Engine engine) {
        this.engine = engine;
    }

    /** Type-checked templates under templates/PageResource/, checked at build time against these parameters. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<LessonCard> lessons, String language);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        String language = Language.pick(lang, accept);
        return Templates.index(engine.lessons().lessons().stream()
                .map(lesson -> new LessonCard(lesson.id(), lesson.title().in(language), lesson.summary().in(language)))
                .toList(), language);
    }
}
