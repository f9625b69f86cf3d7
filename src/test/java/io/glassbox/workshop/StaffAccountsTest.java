package io.glassbox.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.glassbox.testing.TestClock;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.store.Database;
import io.glassbox.workshop.store.OnServerDatabases;
import io.glassbox.workshop.store.StaffStore;
import io.glassbox.workshop.store.TestDatabases.Kind;
import io.glassbox.workshop.store.TestDatabases;
import io.glassbox.workshop.store.TestRows;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Staff accounts over a real database: the first instructor's setup, sign-in and the browser's credential. */
class StaffAccountsTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final String PASSWORD = "correct horse battery";

    @OnServerDatabases
    void theSetupTokenCreatesTheFirstInstructorOnceAndOnlyWhileThereIsNone(Kind kind) {
        Database db = databases.newDatabase(kind);
        StaffStore store = new StaffStore(db);
        StaffAccounts accounts = new StaffAccounts(store, new TestClock(TestRows.T0), LIFETIME);
        // An assistant alone does not count: setup is still needed.
        TestRows.staff(store, Role.ASSISTANT);
        assertThat(accounts.setupNeeded()).isTrue();
        String token = accounts.setupToken().orElseThrow();
        assertThat(accounts.setupToken()).as("the same token until used").contains(token);

        assertReason(() -> accounts.setUp(token + "x", "alice", PASSWORD), WorkshopException.Reason.SETUP_TOKEN_WRONG);
        assertReason(() -> accounts.setUp(null, "alice", PASSWORD), WorkshopException.Reason.SETUP_TOKEN_WRONG);
        assertThat(WorkshopException.Reason.SETUP_TOKEN_WRONG.status()).isEqualTo(403);
        assertThat(store.anyInstructor()).isFalse();

        StaffAccounts.SignIn signIn = accounts.setUp(token, "alice", PASSWORD);

        assertThat(signIn.member().username()).isEqualTo("alice");
        assertThat(signIn.member().role()).isEqualTo(Role.INSTRUCTOR);
        assertThat(accounts.authenticate(signIn.credential())).isEqualTo(signIn.member());
        assertThat(store.byUsername("alice")).contains(signIn.member());
        assertThat(store.passwordHash("alice")).hasValueSatisfying(h -> assertThat(h).startsWith("$2").doesNotContain(PASSWORD));
        assertThat(accounts.setupNeeded()).isFalse();
        assertThat(accounts.setupToken()).isEmpty();
        // The same token again, or a second instructor through setup: refused.
        assertReason(() -> accounts.setUp(token, "mallory", PASSWORD), WorkshopException.Reason.CONFLICT);
        assertThat(store.byUsername("mallory")).isEmpty();
    }

    /** Another server on the same PostgreSQL (or a restart) created an instructor: this one's token is void. */
    @OnServerDatabases
    void aTokenIsRefusedOnceAnInstructorExistsWhoeverCreatedThem(Kind kind) {
        Database db = databases.newDatabase(kind);
        StaffAccounts first = new StaffAccounts(new StaffStore(db), new TestClock(TestRows.T0), LIFETIME);
        StaffAccounts second = new StaffAccounts(new StaffStore(db), new TestClock(TestRows.T0), LIFETIME);
        String firstToken = first.setupToken().orElseThrow();
        String secondToken = second.setupToken().orElseThrow();
        assertThat(firstToken).isNotEqualTo(secondToken);
        assertReason(() -> second.setUp(firstToken, "bob", PASSWORD), WorkshopException.Reason.SETUP_TOKEN_WRONG);

        first.setUp(firstToken, "alice", PASSWORD);

        assertReason(() -> second.setUp(secondToken, "bob", PASSWORD), WorkshopException.Reason.CONFLICT);
        assertThat(second.setupToken()).isEmpty();
        assertThat(new StaffStore(db).all()).extracting(StaffMember::username).containsExactly("alice");
    }

    @OnServerDatabases
    void aWrongPasswordAndAnUnknownUserFailAlike(Kind kind) {
        StaffAccounts accounts = accounts(kind, new TestClock(TestRows.T0));
        StaffMember alice = instructor(accounts, kind);

        StaffAccounts.SignIn signIn = accounts.signIn("  " + alice.username().toUpperCase(Locale.ROOT) + " ", PASSWORD);
        assertThat(accounts.authenticate(signIn.credential())).isEqualTo(alice);

        WorkshopException wrongPassword = assertReason(() -> accounts.signIn(alice.username(), PASSWORD + "!"),
                WorkshopException.Reason.SIGN_IN_FAILED);
        WorkshopException unknownUser = assertReason(() -> accounts.signIn("nobody-" + TestRows.id().substring(0, 8),
                PASSWORD), WorkshopException.Reason.SIGN_IN_FAILED);
        WorkshopException noPassword = assertReason(() -> accounts.signIn(alice.username(), null),
                WorkshopException.Reason.SIGN_IN_FAILED);
        WorkshopException noUser = assertReason(() -> accounts.signIn(null, PASSWORD),
                WorkshopException.Reason.SIGN_IN_FAILED);
        assertThat(unknownUser.getMessage()).isEqualTo(wrongPassword.getMessage()).isEqualTo(noPassword.getMessage())
                .isEqualTo(noUser.getMessage());
    }

    /** A username typed in capitals signs in on a server whose JVM runs in Turkish ("I" is not "ı" here). */
    @OnServerDatabases
    void aUsernameInCapitalsSignsInWhateverTheJvmsLocale(Kind kind) {
        StaffAccounts accounts = accounts(kind, new TestClock(TestRows.T0));
        StaffMember alice = instructor(accounts, kind);
        assertThat(alice.username()).contains("i");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            StaffAccounts.SignIn signIn = accounts.signIn(alice.username().toUpperCase(Locale.ROOT), PASSWORD);
            assertThat(signIn.member()).isEqualTo(alice);
        } finally {
            Locale.setDefault(before);
        }
    }

    @OnServerDatabases
    void aTamperedOrMalformedCredentialIsRefused(Kind kind) {
        StaffAccounts accounts = accounts(kind, new TestClock(TestRows.T0));
        StaffMember alice = instructor(accounts, kind);
        String credential = accounts.signIn(alice.username(), PASSWORD).credential();
        String other = accounts.signIn(alice.username(), PASSWORD).credential();
        String id = credential.substring(0, credential.indexOf('.'));
        String secret = credential.substring(credential.indexOf('.') + 1);
        char last = secret.charAt(secret.length() - 1);
        String flipped = id + "." + secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherSecret = id + "." + other.substring(other.indexOf('.') + 1);

        assertThat(accounts.authenticate(credential)).isEqualTo(alice);
        for (String bad : new String[] {flipped, otherSecret, id + ".", "." + secret, id, "", null,
                TestRows.id() + "." + secret}) {
            assertReason(() -> accounts.authenticate(bad), WorkshopException.Reason.STAFF_SIGN_IN_NEEDED);
        }
        assertThat(accounts.authenticate(" " + credential + " ")).as("surrounding space is not tampering")
                .isEqualTo(alice);
    }

    @OnServerDatabases
    void aSessionEndsWhenItExpiresOrTheStaffMemberSignsOut(Kind kind) {
        TestClock clock = new TestClock(TestRows.T0);
        StaffAccounts accounts = accounts(kind, clock);
        StaffMember alice = instructor(accounts, kind);
        String kept = accounts.signIn(alice.username(), PASSWORD).credential();
        String signedOut = accounts.signIn(alice.username(), PASSWORD).credential();

        accounts.signOut(signedOut);
        assertReason(() -> accounts.authenticate(signedOut), WorkshopException.Reason.STAFF_SIGN_IN_NEEDED);

        clock.advance(LIFETIME.minusSeconds(1));
        assertThat(accounts.authenticate(kept)).isEqualTo(alice);
        clock.advance(Duration.ofSeconds(1));
        assertReason(() -> accounts.authenticate(kept), WorkshopException.Reason.STAFF_SIGN_IN_NEEDED);
        assertThat(accounts.purgeExpiredSessions()).isGreaterThanOrEqualTo(1);
        assertReason(() -> accounts.authenticate(kept), WorkshopException.Reason.STAFF_SIGN_IN_NEEDED);
    }

    @OnServerDatabases
    void onlyAnInstructorAddsAccountsAndUsernamesAreUnique(Kind kind) {
        StaffAccounts accounts = accounts(kind, new TestClock(TestRows.T0));
        StaffMember alice = instructor(accounts, kind);
        String name = TestRows.username("helper");

        StaffMember helper = accounts.create(alice, name, PASSWORD, Role.ASSISTANT);

        assertThat(accounts.byUsername(name)).contains(helper);
        assertThat(accounts.authenticate(accounts.signIn(name, PASSWORD).credential())).isEqualTo(helper);
        assertReason(() -> accounts.create(helper, TestRows.username("x"), PASSWORD, Role.ASSISTANT),
                WorkshopException.Reason.INSTRUCTOR_ONLY);
        assertReason(() -> accounts.all(helper), WorkshopException.Reason.INSTRUCTOR_ONLY);
        assertReason(() -> accounts.create(alice, name, PASSWORD, Role.INSTRUCTOR), WorkshopException.Reason.CONFLICT);
        assertReason(() -> accounts.create(alice, "Bad Name", PASSWORD, Role.ASSISTANT), WorkshopException.Reason.INVALID);
        assertReason(() -> accounts.create(alice, TestRows.username("y"), "short", Role.ASSISTANT),
                WorkshopException.Reason.INVALID);
        assertThat(accounts.all(alice)).contains(alice, helper);
    }

    private static StaffAccounts accounts(Kind kind, TestClock clock) {
        return new StaffAccounts(new StaffStore(databases.database(kind)), clock, LIFETIME);
    }

    /** An instructor with {@link #PASSWORD}, made by the service so the password hash is a real bcrypt one. */
    private static StaffMember instructor(StaffAccounts accounts, Kind kind) {
        StaffMember root = new StaffMember(TestRows.id(), TestRows.username("root"), Role.INSTRUCTOR, TestRows.T0);
        new StaffStore(databases.database(kind)).insert(root, "unused");
        return accounts.create(root, TestRows.username("alice"), PASSWORD, Role.INSTRUCTOR);
    }

    static WorkshopException assertReason(ThrowingCallable call, WorkshopException.Reason reason) {
        WorkshopException e = catchThrowableOfType(WorkshopException.class, call);
        assertThat(e).as("expected " + reason).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }
}
