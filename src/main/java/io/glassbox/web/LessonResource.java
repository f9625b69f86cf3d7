package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.lesson.check.Checks;
import io.glassbox.lesson.load.LessonError;
import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Stage;
import io.glassbox.lesson.model.Text;
import io.glassbox.session.SessionException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The lesson catalog over HTTP, texts in the learner's language (?lang=en|zh-CN, else Accept-Language). */
@Path("/api/lessons")
@Produces(MediaType.APPLICATION_JSON)
public class LessonResource {

    private final Engine engine;

    public LessonResource(Engine engine) {
        this.engine = engine;
    }

    /** A lesson in the list. */
    public record Summary(String id, String title, String summary, List<String> prerequisites, int stages) {
    }

    /** The list, and every problem authors should fix (a broken lesson is missing from the list). */
    public record Catalog(String language, List<Summary> lessons, List<Problem> errors) {
    }

    /** A lesson file problem: where and what. */
    public record Problem(String file, int line, String field, String message) {

        static Problem of(LessonError error) {
            return new Problem(error.file().toString(), error.line(), error.field(), error.message());
        }
    }

    /** A whole lesson, ready to show. */
    public record Detail(String language, String id, String title, String summary, List<String> prerequisites,
            String startsFrom, String docker, List<StageView> stages, List<Problem> errors) {
    }

    /** One stage: the markdown instructions, hints to reveal one at a time, what "Show me" types, the checks. */
    public record StageView(String id, String title, String instructions, List<String> hints, String solve,
            List<CheckView> checks) {
    }

    /** A check as the page lists it before it runs. */
    public record CheckView(String id, String type, String explain) {
    }

    @GET
    public Catalog list(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        String language = Language.pick(lang, accept);
        List<Summary> lessons = engine.lessons().lessons().stream().map(lesson -> new Summary(lesson.id(),
                lesson.title().in(language), lesson.summary().in(language), lesson.prerequisites(),
                lesson.stages().size())).toList();
        return new Catalog(language, lessons, engine.lessons().errors().stream().map(Problem::of).toList());
    }

    @GET
    @Path("{id}")
    public Detail get(@PathParam("id") String id, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        String language = Language.pick(lang, accept);
        Lesson lesson = lesson(engine, id);
        return new Detail(language, lesson.id(), lesson.title().in(language), lesson.summary().in(language),
                lesson.prerequisites(), lesson.startsFrom(), lesson.docker() == null ? null : lesson.docker().in(language),
                lesson.stages().stream().map(stage -> view(stage, language)).toList(),
                engine.lessons().errors(id).stream().map(Problem::of).toList());
    }

    /** The loaded lesson {@code id}, or a 404 that says where to look. */
    static Lesson lesson(Engine engine, String id) {
        return engine.lessons().lesson(id).orElseThrow(() -> new SessionException(SessionException.Reason.LESSON_NOT_FOUND,
                "There is no lesson '" + id + "'. GET /api/lessons lists the lessons (and any that failed to load)."));
    }

    private static StageView view(Stage stage, String language) {
        return new StageView(stage.id(), stage.title().in(language), stage.instructions().in(language),
                stage.hints().stream().map(hint -> hint.in(language)).toList(), stage.solve(),
                stage.checks().stream().map(check -> new CheckView(check.id(), Checks.typeOf(check), text(check.explain(), language)))
                        .toList());
    }



    private static String text(Text text, String language) {
        return text == null ? null : text.in(language);
    }
}
