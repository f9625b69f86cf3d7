package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the workshop tests on real lab hosts share: a new workshop of the first instructor for every test, and a
 * {@link WorkshopFixture.Lab} whose sessions and sockets are ended after it. A subclass is the
 * {@code @QuarkusTest}; its own {@code @BeforeEach} runs after this one's, so it may add staff and learners.
 */
abstract class WorkshopLabTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Engine engine;

    /** The first instructor, who owns {@link #workshop}. */
    Staff owner;
    Workshop workshop;
    WorkshopFixture.Lab lab;

    @BeforeEach
    void aWorkshopAndItsLab() {
        owner = WorkshopFixture.instructor(engine);
        workshop = WorkshopFixture.newWorkshop(owner);
        lab = new WorkshopFixture.Lab(engine, base);
    }

    @AfterEach
    void endTheLabsSessions() {
        lab.close();
    }
}
