package io.glassbox.workshop.store;

import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.workshop.model.LabHost;
import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.Workshop;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which node runs which learner's lab host, on every database. */
class LabHostStoreTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    @OnEveryDatabase
    void aNodesRowsAreSeenByTheWorkshopUntilTheyGoStale(TestDatabases.Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        LabHostStore store = new LabHostStore(databases.database(kind));
        Workshop workshop = workshop(s);
        Learner ada = TestRows.learner(s.learners(), workshop, "Ada");
        Learner bob = TestRows.learner(s.learners(), workshop, "Bob");
        Learner other = TestRows.learner(s.learners(), workshop(s), "Cy");
        LabHost adas = host(ada, "s-1-glassbox-0", "glassbox-0", T0.plusSeconds(10));
        LabHost bobs = host(bob, "s-2-glassbox-1", "glassbox-1", T0);
        store.put(List.of(adas, bobs, host(other, "s-3-glassbox-1", "glassbox-1", T0.plusSeconds(10))));

        assertThat(store.inWorkshop(workshop.id(), T0.plusSeconds(5))).containsOnlyKeys(ada.id())
                .containsEntry(ada.id(), stored(adas));
        assertThat(store.inWorkshop(workshop.id(), T0)).containsOnlyKeys(ada.id(), bob.id());
        assertThat(store.of(bob.id(), T0)).contains(stored(bobs));
        assertThat(store.of(bob.id(), T0.plusSeconds(1))).isEmpty();
    }

    @OnEveryDatabase
    void aNewLabHostReplacesTheOldRowAndAnEndOnlyRemovesItsOwn(TestDatabases.Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        LabHostStore store = new LabHostStore(databases.database(kind));
        Learner ada = TestRows.learner(s.learners(), workshop(s), "Ada");
        store.put(List.of(host(ada, "old-glassbox-2", "glassbox-2", T0)));
        LabHost moved = host(ada, "new-glassbox-0", "glassbox-0", T0.plusSeconds(30));
        store.put(List.of(moved));
        assertThat(store.of(ada.id(), T0)).contains(stored(moved));

        store.remove(ada.id(), "old-glassbox-2"); // the lost node's lab host ends late: the new row stays
        assertThat(store.of(ada.id(), T0)).contains(stored(moved));
        store.remove(ada.id(), "new-glassbox-0");
        assertThat(store.of(ada.id(), T0)).isEmpty();
    }

    @OnEveryDatabase
    void aRestartedNodeForgetsItsRowsAndAGoneLearnersRowIsLeftOut(TestDatabases.Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        LabHostStore store = new LabHostStore(databases.database(kind));
        Workshop workshop = workshop(s);
        Learner ada = TestRows.learner(s.learners(), workshop, "Ada");
        Learner bob = TestRows.learner(s.learners(), workshop, "Bob");
        String node = "node-" + TestRows.id();
        LabHost gone = new LabHost("no-such-learner", "s-9", node, "running", "/w", T0, T0);
        store.put(List.of(host(ada, "s-1", node, T0), gone, host(bob, "s-2", "elsewhere", T0)));
        assertThat(store.inWorkshop(workshop.id(), T0)).containsOnlyKeys(ada.id(), bob.id());

        assertThat(store.removeNode(node)).isEqualTo(1);
        assertThat(store.inWorkshop(workshop.id(), T0)).containsOnlyKeys(bob.id());
    }

    private static LabHost host(Learner learner, String session, String node, Instant seen) {
        return new LabHost(learner.id(), session, node, "running", "/api/sessions/" + session + "/terminals/1?token=w",
                T0.minusSeconds(3), seen);
    }

    /** As the database gives it back (microseconds). */
    private static LabHost stored(LabHost host) {
        return new LabHost(host.learnerId(), host.sessionId(), host.node(), host.state(), host.watchUrl(),
                TestRows.stored(host.lastActive()), TestRows.stored(host.seen()));
    }

    private static Workshop workshop(TestRows.Stores s) {
        return TestRows.workshop(s.workshops(), TestRows.staff(s.staff(), Role.INSTRUCTOR), List.of("02-uts-namespace"));
    }
}
