package io.glassbox.workshop;

import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.store.StaffStore;
import io.glassbox.workshop.store.StoreException;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Instructor and assistant accounts. There is no default password: while no instructor exists, a one-time
 * setup token (printed at start-up) lets the first one be created. Passwords are kept as bcrypt hashes; a
 * signed-in browser holds {@code <session id>.<secret>}, of which the database keeps only the secret's hash.
 */
public final class StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,32}");
    private static final int MIN_PASSWORD = 10;
    /** bcrypt's cost: about 50 ms per sign-in on a small VM, which makes guessing slow and signing in not. */
    private static final int BCRYPT_COST = 10;
    /** A hash to compare against when the username does not exist, so timing does not reveal which do. */
    private static final String NO_SUCH_USER = BcryptUtil.bcryptHash("glassbox-no-such-user", BCRYPT_COST);

    private final StaffStore store;
    private final Clock clock;
    private final Duration sessionLifetime;
    private volatile String setupToken;

    public StaffAccounts(StaffStore store, Clock clock, Duration sessionLifetime) {
        this.store = store;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
    }

    /** A signed-in staff member and the credential their browser keeps (the cookie's value). */
    public record SignIn(StaffMember member, String credential) {
    }

    /** Whether no instructor exists yet; then returns the one-time token that creates the first (once per start). */
    public synchronized Optional<String> setupToken() {
        if (store.anyInstructor()) {
            setupToken = null;
            return Optional.empty();
        }
        if (setupToken == null) {
            setupToken = Secrets.newSecret();
        }
        return Optional.of(setupToken);
    }

    public boolean setupNeeded() {
        return !store.anyInstructor();
    }

    /** Creates the first instructor with the setup token; refused once any instructor exists. */
    public synchronized SignIn setUp(String token, String username, String password) {
        if (store.anyInstructor()) {
            throw new WorkshopException(WorkshopException.Reason.CONFLICT,
                    "An instructor account exists already; sign in at /staff, or ask an instructor to add you.");
        }
        String expected = setupToken;
        if (expected == null || token == null || !Secrets.matches(Secrets.sha256(expected), token)) {
            throw new WorkshopException(WorkshopException.Reason.SETUP_TOKEN_WRONG, "That setup token is not the one"
                    + " this server printed at start-up (it is also in <data-dir>/setup-token; a restart makes a new one).");
        }
        StaffMember member = insert(username, password, Role.INSTRUCTOR);
        setupToken = null;
        return openSession(member);
    }

    public SignIn signIn(String username, String password) {
        // Locale.ROOT: in a Turkish JVM, "ALICE".toLowerCase() is "alıce" (dotless ı), an unknown user.
        String name = username == null ? null : username.strip().toLowerCase(Locale.ROOT);
        String hash = name == null ? null : store.passwordHash(name).orElse(null);
        boolean ok = BcryptUtil.matches(password == null ? "" : password, hash == null ? NO_SUCH_USER : hash);
        if (!ok || hash == null) {
            throw new WorkshopException(WorkshopException.Reason.SIGN_IN_FAILED,
                    "Wrong username or password. Ask an instructor to check your account.");
        }
        return openSession(store.byUsername(name).orElseThrow());
    }

    /** The staff member a browser's credential belongs to. */
    public StaffMember authenticate(String credential) {
        String[] parts = Secrets.split(credential);
        if (parts == null) {
            throw signInNeeded();
        }
        StaffStore.SessionRow row = store.session(parts[0], clock.instant()).orElseThrow(StaffAccounts::signInNeeded);
        if (!Secrets.matches(row.secretHash(), parts[1])) {
            throw signInNeeded();
        }
        return store.byId(row.staffId()).orElseThrow(StaffAccounts::signInNeeded);
    }

    public void signOut(String credential) {
        String[] parts = Secrets.split(credential);
        if (parts != null) {
            store.deleteSession(parts[0]);
        }
    }

    /** An instructor adds an account (an assistant, or another instructor). */
    public StaffMember create(StaffMember by, String username, String password, Role role) {
        requireInstructor(by);
        return insert(username, password, role);
    }

    public List<StaffMember> all(StaffMember by) {
        requireInstructor(by);
        return store.all();
    }

    public Optional<StaffMember> byUsername(String username) {
        return store.byUsername(username);
    }

    public int purgeExpiredSessions() {
        return store.deleteExpiredSessions(clock.instant());
    }

    static void requireInstructor(StaffMember member) {
        if (!member.isInstructor()) {
            throw new WorkshopException(WorkshopException.Reason.INSTRUCTOR_ONLY,
                    "Only an instructor may do this; you are signed in as an assistant.");
        }
    }

    private StaffMember insert(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new WorkshopException(WorkshopException.Reason.INVALID,
                    "A username is 3 to 32 of a-z, 0-9, '.', '_' and '-', e.g. \"alice\".");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new WorkshopException(WorkshopException.Reason.INVALID,
                    "A password needs at least " + MIN_PASSWORD + " characters.");
        }
        StaffMember member = new StaffMember(Secrets.newId(), username, role, clock.instant());
        try {
            store.insert(member, BcryptUtil.bcryptHash(password, BCRYPT_COST));
        } catch (StoreException e) {
            if (e.isConstraintViolation()) {
                throw new WorkshopException(WorkshopException.Reason.CONFLICT,
                        "The username \"" + username + "\" is taken; choose another.", e);
            }
            throw e;
        }
        return member;
    }

    private SignIn openSession(StaffMember member) {
        String id = Secrets.newId();
        String secret = Secrets.newSecret();
        store.insertSession(id, member.id(), Secrets.sha256(secret), clock.instant().plus(sessionLifetime));
        return new SignIn(member, id + "." + secret);
    }

    private static WorkshopException signInNeeded() {
        return new WorkshopException(WorkshopException.Reason.STAFF_SIGN_IN_NEEDED,
                "Sign in as an instructor or assistant first, at /staff (your sign-in may have expired).");
    }
}
