package io.glassbox.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;

import io.glassbox.app.Engine;
import io.glassbox.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole server on PostgreSQL instead of the embedded H2, switched as an installation would be (glassbox.database.*):
 * Flyway migrates the empty database at start-up, and a workshop's life (first instructor, workshop, a learner
 * joining, a lab host, a check and a hint) is stored there and read back in the roster.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@Tag("kernel")
class WorkshopOnPostgresTest {

    @Inject
    Engine engine;

    @Test
    void aWorkshopIsStoredInPostgresql() throws Exception {
        String token = Files.readString(Path.of(engine.config().dataDir().toString(), "setup-token")).strip();
        String staff = given().contentType(ContentType.JSON)
                .body("{\"token\":\"" + token + "\",\"username\":\"pg-alice\",\"password\":\"correct horse battery\"}")
                .post("/api/staff/setup").then().statusCode(201).extract().cookie(Cookies.STAFF);
        Response workshop = given().cookie(Cookies.STAFF, staff).contentType(ContentType.JSON)
                .body("{\"title\":\"On PostgreSQL\",\"lessons\":[\"02-uts-namespace\"],\"language\":\"zh-CN\"}")
                .post("/api/workshops");
        workshop.then().statusCode(201).body("state", equalTo("open"));
        String learner = given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + workshop.path("code") + "\",\"name\":\"林\"}").post("/api/workshops/join")
                .then().statusCode(201).body("workshop.lessons[0].title", equalTo("属于你自己的主机名"))
                .extract().cookie(Cookies.LEARNER);
        Response session = given().cookie(Cookies.LEARNER, learner).contentType(ContentType.JSON)
                .body("{\"lesson\":\"02-uts-namespace\"}").post("/api/sessions");
        session.then().statusCode(201);
        String id = session.path("id");
        String bearer = "Bearer " + session.path("token");
        try {
            given().header("Authorization", bearer).post("/api/sessions/" + id + "/check").then().statusCode(200)
                    .body("passed", equalTo(false));
            given().header("Authorization", bearer).contentType(ContentType.JSON)
                    .body("{\"stage\":\"new-uts-namespace\",\"hint\":0}").post("/api/sessions/" + id + "/hint")
                    .then().statusCode(204);
            given().cookie(Cookies.STAFF, staff).get("/api/workshops/" + workshop.path("id") + "/roster").then()
                    .statusCode(200).body("learners[0].name", equalTo("林")).body("learners[0].hintsUsed", equalTo(1))
                    .body("learners[0].failedInARow", equalTo(1))
                    .body("learners[0].lastCheck.stage", equalTo("new-uts-namespace"))
                    .body("learners[0].lastCheck.results[0].expected", not(emptyOrNullString()))
                    .body("learners[0].session.id", equalTo(id));
        } finally {
            given().header("Authorization", bearer).delete("/api/sessions/" + id);
        }
        assertThat(engine.classroom().database()).startsWith("PostgreSQL");
    }
}
