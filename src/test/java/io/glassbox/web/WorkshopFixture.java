package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.glassbox.app.Engine;
import io.glassbox.client.TerminalClient;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Staff, workshops, learners and learners' lab sessions for the workshop API tests (docs/workshop-api.md).
 * Every {@code @QuarkusTest} class of a JVM shares one application and one database, so names are unique per
 * call and the first instructor is created once, here, with the setup token.
 */
final class WorkshopFixture {

    static final String LESSON = "02-uts-namespace";
    static final String FIRST_STAGE = "new-uts-namespace";
    static final String SECOND_STAGE = "set-hostname";
    static final String OTHER_LESSON = "03-pid-namespace";
    /** A lesson that exists but that the fixture's workshops do not include. */
    static final String NOT_IN_WORKSHOP = "05-ipc-namespace";
    static final String PASSWORD = "a-long-enough-password";
    static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path SETUP_TOKEN = Path.of("/var/tmp/glassbox-test/setup-token");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Staff instructor;

    private WorkshopFixture() {
    }

    record Staff(String username, String role, String cookie) {

        RequestSpecification given() {
            return io.restassured.RestAssured.given().cookie(Cookies.STAFF, cookie);
        }

        RequestSpecification json(Object body) {
            return given().contentType(ContentType.JSON).body(body);
        }
    }

    record Learner(String id, String name, String cookie) {

        RequestSpecification given() {
            return io.restassured.RestAssured.given().cookie(Cookies.LEARNER, cookie);
        }
    }

    record Workshop(String id, String code, String title) {

        String path(String rest) {
            return "/api/workshops/" + id + rest;
        }
    }

    /** A lab session as POST /api/sessions answered it. */
    record LabSession(String id, String token, String terminalUrl, int status, Response response) {

        RequestSpecification given() {
            return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token);
        }
    }

    /**
     * A name no other test of this JVM uses: a staff username (3-32 of a-z 0-9 . _ -) or a title. Random per
     * call: a test profile restarts the application on the same in-memory database and may load this class
     * afresh, restarting the counter.
     */
    static String unique(String prefix) {
        return prefix + "-" + Integer.toHexString(RANDOM.nextInt(1 << 24)) + "-" + COUNTER.incrementAndGet();
    }

    static RequestSpecification json(Object body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    /**
     * The first instructor, created once per JVM: with the setup token when the server still needs one; else
     * through the service. (The setup itself is StaffSetupTest's, on a database of its own.)
     */
    static synchronized Staff instructor(Engine engine) {
        if (instructor != null) {
            return instructor;
        }
        String username = unique("first");
        boolean needed = given().get("/api/staff/setup").then().statusCode(200).extract().path("needed");
        if (needed) {
            Response done = setUp(fileToken(), username);
            if (done.statusCode() == 403) {
                // Another test JVM on the same data dir rewrote the file: use this server's own token.
                done = setUp(engine.classroom().staff().setupToken().orElseThrow(), username);
            }
            done.then().statusCode(201).body("username", equalTo(username)).body("role", equalTo("instructor"));
            instructor = new Staff(username, "instructor", done.cookie(Cookies.STAFF));
        } else {
            // Someone else in this JVM created the first instructor: add ours as an instructor would.
            StaffMember someone = new StaffMember("fixture", "fixture", Role.INSTRUCTOR, Instant.now());
            engine.classroom().staff().create(someone, username, PASSWORD, Role.INSTRUCTOR);
            instructor = signIn(username);
        }
        return instructor;
    }

    private static Response setUp(String token, String username) {
        return json(Map.of("token", token, "username", username, "password", PASSWORD)).post("/api/staff/setup");
    }

    static String fileToken() {
        try {
            return Files.readString(SETUP_TOKEN).strip();
        } catch (IOException e) {
            return "no-setup-token-file";
        }
    }

    /** A new staff account of {@code role}, created by the first instructor, signed in. */
    static Staff newStaff(Engine engine, String role) {
        String username = unique(role.substring(0, 4));
        instructor(engine).json(Map.of("username", username, "password", PASSWORD, "role", role)).post("/api/staff")
                .then().statusCode(201).body("role", equalTo(role));
        return signIn(username);
    }

    static Staff signIn(String username) {
        Response response = json(Map.of("username", username, "password", PASSWORD)).post("/api/staff/login");
        response.then().statusCode(200).body("username", equalTo(username));
        return new Staff(username, response.path("role"), response.cookie(Cookies.STAFF));
    }

    /** A workshop owned by {@code owner}, with {@code lessons} (default: LESSON and OTHER_LESSON). */
    static Workshop newWorkshop(Staff owner, String... lessons) {
        String title = unique("Workshop");
        Response response = owner.json(Map.of("title", title, "lessons",
                lessons.length == 0 ? List.of(LESSON, OTHER_LESSON) : List.of(lessons), "language", "en"))
                .post("/api/workshops");
        response.then().statusCode(201).body("title", equalTo(title)).body("state", equalTo("open"));
        return new Workshop(response.path("id"), response.path("code"), title);
    }

    static void addStaff(Staff owner, Workshop workshop, Staff member) {
        owner.json(Map.of("username", member.username())).post(workshop.path("/staff")).then().statusCode(204);
    }

    /** A new assistant, signed in, whom {@code owner} added to {@code workshop}'s staff. */
    static Staff newAssistant(Engine engine, Staff owner, Workshop workshop) {
        Staff assistant = newStaff(engine, "assistant");
        addStaff(owner, workshop, assistant);
        return assistant;
    }

    static Learner join(Workshop workshop, String name) {
        Response response = json(Map.of("code", workshop.code(), "name", name)).post("/api/workshops/join");
        response.then().statusCode(201).body("learner.name", equalTo(name));
        return new Learner(response.path("learner.id"), name, response.cookie(Cookies.LEARNER));
    }

    /** Asserts a JSON error with {@code status} and {@code code} and a message for people. */
    static void assertError(Response response, int status, String code) {
        response.then().statusCode(status).contentType(ContentType.JSON).body("error", equalTo(code))
                .body("message", not(emptyOrNullString()));
    }

    /** The Set-Cookie header that sets {@code name}, or null. */
    static String setCookie(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElse(null);
    }

    /** A POST with no body and no Content-Type at all (RestAssured always adds one), as a bodiless fetch sends it. */
    static HttpResponse<String> rawPost(URI base, String path, String cookie) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The lab sessions and WebSockets a test opened. {@link #close()} closes the sockets, ends every session
     * (lab hosts are few: glassbox.sessions.max is 6 in tests) and waits for their teardowns.
     */
    static final class Lab implements AutoCloseable {

        private final Engine engine;
        private final URI base;
        private final List<LabSession> sessions = new ArrayList<>();
        private final List<TerminalClient> sockets = new ArrayList<>();

        Lab(Engine engine, URI base) {
            this.engine = engine;
            this.base = base;
        }

        /** POST /api/sessions {"lesson"} as {@code learner}; expects 200 or 201. */
        LabSession start(Learner learner, String lesson) {
            Response response = learner.given().contentType(ContentType.JSON).body(Map.of("lesson", lesson))
                    .post("/api/sessions");
            assertThat(response.statusCode()).as(response.asString()).isIn(200, 201);
            LabSession session = new LabSession(response.path("id"), response.path("token"),
                    response.path("terminalUrl"), response.statusCode(), response);
            synchronized (sessions) {
                sessions.add(session);
            }
            return session;
        }

        /** The session's first terminal, once its shell prompt showed. */
        TerminalClient shell(LabSession session) {
            TerminalClient terminal = socket(session.terminalUrl(), Map.of());
            terminal.awaitText("# ", WAIT);
            return terminal;
        }

        /** A WebSocket that only listens (no acknowledgements): a terminal or the live feed. */
        TerminalClient socket(String pathAndQuery, Map<String, String> headers) {
            TerminalClient connection = TerminalClient.open(base, pathAndQuery, headers, false);
            synchronized (sockets) {
                sockets.add(connection);
            }
            return connection;
        }

        /** The live dashboard feed of {@code workshop}, signed in as {@code staff} (null: no cookie). */
        TerminalClient live(Workshop workshop, Staff staff) {
            return socket(workshop.path("/live"), staff == null ? Map.of()
                    : Map.of("Cookie", Cookies.STAFF + "=" + staff.cookie()));
        }

        @Override
        public void close() {
            for (TerminalClient socket : sockets) {
                try {
                    socket.close();
                } catch (RuntimeException ignored) {
                    // already closed by the server
                }
            }
            for (LabSession session : sessions) {
                session.given().delete("/api/sessions/" + session.id());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (engine.sessions().endingCount() > 0 && System.nanoTime() < deadline) {
                sleep(50);
            }
        }
    }
}
