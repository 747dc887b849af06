package io.canopy.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The pages without a signed-in person (the browser tests drive the rest against the running suite). */
@QuarkusTest
class DashboardPagesTest {

    @Test
    void everyPageSendsAnUnknownVisitorToSignInAndBack() {
        given().redirects().follow(false).get("/servers").then().statusCode(303)
                .header("Location", containsString("/login?next=%2Fservers"));
        given().redirects().follow(false).cookie("canopy_session", "forged").get("/").then().statusCode(303)
                .header("Location", containsString("/login"));
    }

    @Test
    void theSignInFormCarriesItsCsrfTokenInAStrictHttpOnlyCookie() {
        given().get("/login").then().statusCode(200)
                .body(containsString("name=\"_csrf\""), containsString("autocomplete=\"current-password\""))
                .header("Set-Cookie", containsString("HttpOnly")).header("Set-Cookie", containsString("SameSite=Strict"))
                .header("X-Frame-Options", equalTo("DENY"));
    }

    @Test
    void aSignInWithoutTheFormsTokenIsRefusedWithoutAskingRegistry() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("email", "ana@dealer.example").formParam("password", "whatever-long-enough")
                .formParam("_csrf", "guessed").cookie("canopy_sign_in", "other")
                .post("/login").then().statusCode(403).body(containsString("expired"), not(containsString("whatever")));
    }

    @Test
    void signInOnlyReturnsToPathsOfThisSite() {
        given().get("/login?next=//evil.example/x").then().statusCode(200)
                .body(containsString("name=\"next\" value=\"/\""));
        given().get("/login?next=/accounts").then().statusCode(200)
                .body(containsString("name=\"next\" value=\"/accounts\""));
    }

    @Test
    void pagesRunOnlyScriptsFromThisSiteAndTheirScriptIsServed() {
        // The pages work without script (forms post, the vendor's fields come with its button); htmx
        // only enhances, from this site, so the CSP refuses every inline script and eval.
        String csp = given().get("/login").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        String page = given().get("/login").asString();
        assertThat(page).doesNotContainPattern("\\son[a-z]+=").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        Matcher script = Pattern.compile("<script src=\"([^\"]+)\"").matcher(page);
        assertThat(script.find()).as("htmx is referenced").isTrue();
        given().get(script.group(1)).then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("htmx"));
    }

    @Test
    void aBackgroundRequestWithoutASessionSendsTheWholePageToSignIn() {
        // htmx follows a 303 silently and would swap a sign-in form into a corner of the page
        given().redirects().follow(false).header("HX-Request", "true").get("/servers/new?type=onestop").then()
                .statusCode(200).header("HX-Redirect", containsString("/login?next=%2Fservers%2Fnew"));
    }
}
