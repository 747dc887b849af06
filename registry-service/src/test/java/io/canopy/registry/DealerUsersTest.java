package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.admin;
import static io.canopy.registry.RegistryTestSupport.createUser;
import static io.canopy.registry.RegistryTestSupport.login;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static io.canopy.registry.RegistryTestSupport.uniqueEmail;
import static io.canopy.registry.RegistryTestSupport.viewerOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Dealer users (issue #19): an operator creates the first admin, admins invite, people sign in with
 * email + password for the same JWT an API key gets, wrong passwords are throttled, viewers only read.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class DealerUsersTest {

    static final String PASSWORD = "correct horse battery";

    /** Every answer a test saw, to prove no password hash or password appears in any. */
    private final List<String> answers = new ArrayList<>();

    @AfterEach
    void putTheClockBack() {
        AdjustableClock.reset();
    }

    private Response signIn(String email, String password) {
        Response answer = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/v1/auth/login");
        answers.add(answer.asString());
        return answer;
    }

    @Test
    void theOperatorCreatesTheFirstAdminWhoSignsInWithARoleToken() throws Exception {
        var dealer = newDealer("Users Dealer");
        String email = uniqueEmail("Owner");
        admin().body(Map.of("email", email, "password", PASSWORD, "role", "admin"))
                .post("/admin/v1/dealers/" + dealer.id() + "/users").then().statusCode(201)
                .body("email", equalTo(email.toLowerCase())).body("role", equalTo("admin")).body("status", equalTo("active"))
                .body("password", nullValue()).body("password_hash", nullValue());
        // the same email again, in another case and for another dealer: 409
        var other = newDealer("Users Dealer Two");
        admin().body(Map.of("email", email.toUpperCase(), "password", PASSWORD, "role", "viewer"))
                .post("/admin/v1/dealers/" + other.id() + "/users").then().statusCode(409)
                .contentType("application/problem+json");
        // too short a password, unknown role, unknown dealer
        admin().body(Map.of("email", uniqueEmail("short"), "password", "elevenchars", "role", "admin"))
                .post("/admin/v1/dealers/" + dealer.id() + "/users").then().statusCode(400).body("field", equalTo("password"));
        admin().body(Map.of("email", uniqueEmail("role"), "password", PASSWORD, "role", "owner"))
                .post("/admin/v1/dealers/" + dealer.id() + "/users").then().statusCode(400).body("field", equalTo("role"));
        admin().body(Map.of("email", uniqueEmail("nodealer"), "password", PASSWORD, "role", "admin"))
                .post("/admin/v1/dealers/" + UUID.randomUUID() + "/users").then().statusCode(404);

        Response answer = signIn(email.toUpperCase(), PASSWORD);
        answer.then().statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .body("access_token", notNullValue()).body("expires_at", notNullValue())
                .body("user.email", equalTo(email.toLowerCase())).body("user.role", equalTo("admin"))
                .body("user.dealer_id", equalTo(dealer.id().toString()));
        String userId = answer.path("user.id");
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder()
                .decode(answer.<String>path("access_token").split("\\.")[1]));
        assertThat(claims.get("sub").asText()).isEqualTo(userId);
        assertThat(claims.get("dealer_id").asText()).isEqualTo(dealer.id().toString());
        assertThat(claims.get("canopy_role").asText()).isEqualTo("admin");
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("dealer");
        // API-key tokens say admin explicitly, so nothing they could do changes
        JsonNode keyClaims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(dealer.token().split("\\.")[1]));
        assertThat(keyClaims.get("canopy_role").asText()).isEqualTo("admin");
        assertThat(keyClaims.get("sub").asText()).isEqualTo(dealer.id().toString());

        // the admin's token works on /v1 like an API-key token
        var adminUser = login(email, PASSWORD);
        adminUser.api().get("/v1/users").then().statusCode(200).body("$", hasSize(1))
                .body("[0].last_sign_in_at", notNullValue());
        adminUser.api().body(Map.of("name", "Acme")).post("/v1/accounts").then().statusCode(201);
        assertNoSecretsIn(email, PASSWORD);
    }

    @Test
    void aSignedInAdminMintsAnApiKeyWithItsPasswordAgainNeverWithTheTokenAlone() {
        var dealer = newDealer("Step-up Dealer");
        String email = uniqueEmail("stepup");
        createUser(dealer.id(), email, PASSWORD, "admin");
        var person = login(email, PASSWORD);
        person.api().body(Map.of("label", "no proof")).post("/v1/api-keys").then().statusCode(403)
                .body("field", equalTo("password"));
        Response wrong = person.api().body(Map.of("label", "wrong", "password", "not the password at all"))
                .post("/v1/api-keys");
        wrong.then().statusCode(403).contentType("application/problem+json");
        answers.add(wrong.asString());
        Response minted = person.api().body(Map.of("label", "from the dashboard", "password", PASSWORD))
                .post("/v1/api-keys");
        minted.then().statusCode(201).body("key", startsWith("ck_")).body("label", equalTo("from the dashboard"));
        answers.add(minted.asString());
        // the new key works, and its token is the dealer's
        given().contentType(ContentType.JSON).body(Map.of("api_key", minted.<String>path("key"))).post("/v1/auth/token")
                .then().statusCode(200);
        // an API-key token still needs X-Api-Key: a password in the body is no proof for it
        dealer.api().body(Map.of("label", "key token", "password", PASSWORD)).post("/v1/api-keys").then().statusCode(403);
        // a viewer never mints, whatever it sends
        String viewer = uniqueEmail("stepup-viewer");
        createUser(dealer.id(), viewer, PASSWORD, "viewer");
        login(viewer, PASSWORD).api().body(Map.of("password", PASSWORD)).post("/v1/api-keys").then().statusCode(403);
        // wrong passwords here count like sign-ins (the right one above reset the count): after 5 in a row,
        // 429 even for the right one
        for (int i = 0; i < 5; i++) {
            person.api().body(Map.of("password", "still not the password")).post("/v1/api-keys").then().statusCode(403);
        }
        person.api().body(Map.of("password", PASSWORD)).post("/v1/api-keys").then().statusCode(429)
                .header("Retry-After", notNullValue());
        assertThat(String.join("\n", answers)).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        var dealer = newDealer("Enumeration Dealer");
        String email = uniqueEmail("known");
        createUser(dealer.id(), email, PASSWORD, "admin");
        Response wrongPassword = signIn(email, "not the password at all");
        Response unknownEmail = signIn(uniqueEmail("nobody"), "not the password at all");
        wrongPassword.then().statusCode(401).contentType("application/problem+json");
        unknownEmail.then().statusCode(401).contentType("application/problem+json");
        assertThat(unknownEmail.asString()).isEqualTo(wrongPassword.asString());
        // a pending invitation cannot sign in either, with the same answer
        String invited = uniqueEmail("pending");
        dealer.api().body(Map.of("email", invited, "role", "viewer")).post("/v1/users").then().statusCode(201);
        assertThat(signIn(invited, PASSWORD).then().statusCode(401).extract().asString()).isEqualTo(wrongPassword.asString());
    }

    @Test
    void theSixthWrongPasswordIsRefusedWith429AndSoIsTheRightOneUntilTheLockEnds() {
        var dealer = newDealer("Lock Dealer");
        String email = uniqueEmail("locked");
        createUser(dealer.id(), email, PASSWORD, "admin");
        for (int attempt = 1; attempt <= 5; attempt++) {
            signIn(email, "wrong password " + attempt).then().statusCode(401);
        }
        Response sixth = signIn(email, "wrong password 6");
        sixth.then().statusCode(429).contentType("application/problem+json");
        int retryAfter = Integer.parseInt(sixth.header("Retry-After"));
        assertThat(retryAfter).isBetween(14 * 60, 15 * 60);
        signIn(email, PASSWORD).then().statusCode(429);

        AdjustableClock.advance(Duration.ofMinutes(14));
        Response stillLocked = signIn(email, PASSWORD);
        stillLocked.then().statusCode(429);
        assertThat(Integer.parseInt(stillLocked.header("Retry-After"))).isBetween(1, 60);
        AdjustableClock.advance(Duration.ofMinutes(1).plusSeconds(1));
        signIn(email, PASSWORD).then().statusCode(200);
    }

    @Test
    void aSuccessResetsTheCountOfWrongPasswords() {
        var dealer = newDealer("Reset Dealer");
        String email = uniqueEmail("reset");
        createUser(dealer.id(), email, PASSWORD, "admin");
        for (int attempt = 1; attempt <= 4; attempt++) {
            signIn(email, "wrong password").then().statusCode(401);
        }
        signIn(email, PASSWORD).then().statusCode(200);
        for (int attempt = 1; attempt <= 4; attempt++) {
            signIn(email, "wrong password").then().statusCode(401);
        }
        signIn(email, PASSWORD).then().statusCode(200);
    }

    @Test
    void anUnknownEmailIsLockedLikeAKnownOne() {
        String nobody = uniqueEmail("ghost");
        for (int attempt = 1; attempt <= 5; attempt++) {
            signIn(nobody, "guess " + attempt).then().statusCode(401);
        }
        signIn(nobody, "guess 6").then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void anInvitedViewerAcceptsOnceSignsInAndOnlyReads() throws Exception {
        var dealer = newDealer("Invite Dealer");
        String email = uniqueEmail("viewer");
        var invitation = dealer.api().body(Map.of("email", email, "role", "viewer")).post("/v1/users").then()
                .statusCode(201).body("status", equalTo("pending")).body("invitation_token", startsWith("ci_"))
                .body("invitation_expires_at", notNullValue()).extract();
        answers.add(invitation.asString());
        String token = invitation.path("invitation_token");
        // the list never shows the token again
        String list = dealer.api().get("/v1/users").then().statusCode(200).body("$", hasSize(1))
                .body("[0].invitation_token", nullValue()).extract().asString();
        assertThat(list).doesNotContain(token);

        given().contentType(ContentType.JSON).body(Map.of("invitation_token", token, "password", "short"))
                .post("/v1/auth/invitations/accept").then().statusCode(400).body("field", equalTo("password"));
        given().contentType(ContentType.JSON).body(Map.of("invitation_token", token, "password", PASSWORD))
                .post("/v1/auth/invitations/accept").then().statusCode(200).body("status", equalTo("active"))
                .body("role", equalTo("viewer"));
        // once only
        given().contentType(ContentType.JSON).body(Map.of("invitation_token", token, "password", "another password!"))
                .post("/v1/auth/invitations/accept").then().statusCode(400).body("field", equalTo("invitation_token"));
        signIn(email, "another password!").then().statusCode(401);

        var viewer = login(email, PASSWORD);
        var server = RegistryTestSupport.serverBody(VendorType.PRINTERPOINT);
        viewer.api().body(server).post("/v1/servers").then().statusCode(403).contentType("application/problem+json")
                .body("role", equalTo("viewer"));
        viewer.api().get("/v1/servers").then().statusCode(200);
        viewer.api().get("/v1/users").then().statusCode(200).body("$", hasSize(1));
        viewer.api().body(Map.of("email", uniqueEmail("x"), "role", "admin")).post("/v1/users").then().statusCode(403);
        viewer.api().delete("/v1/users/" + viewer.id()).then().statusCode(403);
        assertNoSecretsIn(email, PASSWORD);
    }

    @Test
    void anExpiredInvitationCannotBeAccepted() {
        var dealer = newDealer("Expiry Dealer");
        String token = dealer.api().body(Map.of("email", uniqueEmail("late"), "role", "viewer")).post("/v1/users").then()
                .statusCode(201).extract().path("invitation_token");
        AdjustableClock.advance(Duration.ofDays(7).plusSeconds(1));
        given().contentType(ContentType.JSON).body(Map.of("invitation_token", token, "password", PASSWORD))
                .post("/v1/auth/invitations/accept").then().statusCode(400).body("field", equalTo("invitation_token"));
    }

    @Test
    void usersAreScopedToTheirDealer() {
        var a = newDealer("Scope A");
        var b = newDealer("Scope B");
        String aEmail = uniqueEmail("a-admin");
        UUID aAdmin = createUser(a.id(), aEmail, PASSWORD, "admin");
        String invited = a.api().body(Map.of("email", uniqueEmail("a-viewer"), "role", "viewer")).post("/v1/users").then()
                .statusCode(201).extract().path("id");
        b.api().get("/v1/users").then().statusCode(200).body("$", hasSize(0));
        b.api().delete("/v1/users/" + aAdmin).then().statusCode(404).contentType("application/problem+json");
        b.api().delete("/v1/users/" + invited).then().statusCode(404);
        a.api().get("/v1/users").then().body("$", hasSize(2));
        // a's own admin removes the invitation; a second admin may go, the last one may not
        var owner = login(aEmail, PASSWORD);
        owner.api().delete("/v1/users/" + invited).then().statusCode(204);
        owner.api().delete("/v1/users/" + aAdmin).then().statusCode(409).contentType("application/problem+json");
        String second = uniqueEmail("a-second");
        UUID secondAdmin = createUser(a.id(), second, PASSWORD, "admin");
        login(second, PASSWORD).api().delete("/v1/users/" + secondAdmin).then().statusCode(204);
        a.api().get("/v1/users").then().body("$", hasSize(1)).body("[0].id", equalTo(aAdmin.toString()));
    }

    @Test
    void theSameEmailAddedForSeveralDealersAtOnceIsOneUserAndConflictsNotErrors() throws Exception {
        String email = uniqueEmail("race");
        List<UUID> dealers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            dealers.add(newDealer("Race Dealer " + i).id());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(dealers.size());
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (UUID dealerId : dealers) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return admin().body(Map.of("email", email, "password", PASSWORD, "role", "admin"))
                            .post("/admin/v1/dealers/" + dealerId + "/users").statusCode();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (var status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Neither the stored hashes nor the password reach an answer this test saw or registry's log. */
    private void assertNoSecretsIn(String email, String password) throws Exception {
        List<String> hashes = new ArrayList<>();
        try (var db = RegistryTestSupport.database();
                var rows = db.prepareStatement("SELECT password_hash FROM dealer_user WHERE email = ?")) {
            rows.setString(1, email.toLowerCase());
            try (var rs = rows.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
        }
        assertThat(hashes).hasSize(1);
        assertThat(hashes.get(0)).startsWith("$2b$").doesNotContain(password);
        String log = Files.readString(Path.of("target/quarkus.log"));
        for (String answer : answers) {
            assertThat(answer).doesNotContain(hashes.get(0)).doesNotContain(password);
        }
        assertThat(log).doesNotContain(hashes.get(0)).doesNotContain(hashes.get(0).substring(7)).doesNotContain(password);
    }
}
