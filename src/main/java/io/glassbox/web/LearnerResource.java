package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.workshop.Learners;
import io.glassbox.workshop.WorkshopView;
import io.glassbox.workshop.model.StagePass;
import io.glassbox.workshop.model.Workshop;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A workshop learner's own view (docs/workshop-api.md, "Learners"): who they are, their workshop's lessons with
 * their marks, where they were, and the code that resumes them on another device.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class LearnerResource {

    private final Engine engine;

    public LearnerResource(Engine engine) {
        this.engine = engine;
    }

    public record ResumeRequest(String key) {
    }

    public record Me(Identity learner, String resumeCode, String resumeUrl, WorkshopCard workshop, Position current) {
    }

    public record Identity(String id, String name) {
    }

    public record WorkshopCard(String id, String title, String code, String language, String state, Instant endsAt,
            WorkshopView.Announcement announcement, List<LessonMarks> lessons) {
    }

    public record LessonMarks(String id, String title, String summary, int stages, List<String> passed, boolean done) {
    }

    public record Position(String lesson, String stage) {
    }

    @GET
    @Path("me")
    public Me me(@CookieParam(Cookies.LEARNER) String key, @QueryParam("lang") String lang) {
        return me(engine, engine.classroom().learners().authenticate(key), key, lang);
    }

    @POST
    @Path("learners/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(ResumeRequest body, @QueryParam("lang") String lang) {
        String key = StaffResource.required(body).key();
        Learners.Signed signed = engine.classroom().learners().authenticate(key);
        return Response.ok(me(engine, signed, key.strip(), lang)).cookie(Cookies.learner(key.strip())).build();
    }

    @POST
    @Path("learners/logout")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response forget() {
        return Response.noContent().cookie(Cookies.cleared(Cookies.LEARNER)).build();
    }

    static Me me(Engine engine, Learners.Signed signed, String key, String lang) {
        Workshop workshop = signed.workshop();
        String language = lang == null || lang.isBlank() ? workshop.language() : Language.pick(lang, null);
        List<StagePass> passes = engine.classroom().roster().passes(signed.learner().id());
        List<LessonMarks> lessons = workshop.lessons().stream().map(id -> engine.lessons().lesson(id))
                .flatMap(Optional::stream).map(lesson -> marks(lesson, passes, language)).toList();
        WorkshopCard card = new WorkshopCard(workshop.id(), workshop.title(), workshop.code(), workshop.language(),
                workshop.state(Instant.now()).wireName(), workshop.endsAt(), WorkshopView.Announcement.of(workshop), lessons);
        Position current = signed.learner().lessonId() == null ? null
                : new Position(signed.learner().lessonId(), signed.learner().stageId());
        return new Me(new Identity(signed.learner().id(), signed.learner().name()), key, "/resume#" + key, card, current);
    }

    private static LessonMarks marks(Lesson lesson, List<StagePass> passes, String language) {
        List<String> passed = passes.stream().filter(p -> p.lessonId().equals(lesson.id())).map(StagePass::stageId)
                .filter(stage -> lesson.stage(stage).isPresent()).toList();
        return new LessonMarks(lesson.id(), lesson.title().in(language), lesson.summary().in(language),
                lesson.stages().size(), passed, passed.size() == lesson.stages().size());
    }
}
