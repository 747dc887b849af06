package io.canopy.e2e.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * axe-core (Deque's accessibility engine, its {@code axe.min.js} from the
 * {@code com.deque.html.axe-core:selenium} jar) run on the page the browser shows: WCAG 2.1 A/AA
 * rules plus best practices. Only serious and critical violations count as failures; the rest are
 * reported by {@link Violation#toString()} when a test prints them.
 */
final class Accessibility {

    /** The impacts that fail a page (axe's scale: minor, moderate, serious, critical). */
    static final Set<String> FAILING = Set.of("serious", "critical");

    private static final String AXE = load();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Violation(String page, String rule, String impact, String help, List<String> where) {
        boolean failing() {
            return FAILING.contains(impact);
        }

        @Override
        public String toString() {
            return page + ": " + impact + " " + rule + " (" + help + ") at " + where;
        }
    }

    private Accessibility() {
    }

    /** Every violation axe finds on the current page, named {@code page} in the report. */
    static List<Violation> check(WebDriver driver, String page) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(AXE);
        Object raw = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
                    resultTypes: ['violations']
                }).then(r => done(JSON.stringify(r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    where: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))
                  .catch(e => done('axe failed: ' + e));
                """);
        String result = String.valueOf(raw);
        if (!result.startsWith("[")) {
            throw new AssertionError(page + ": " + result);
        }
        List<Violation> violations = new ArrayList<>();
        try {
            for (JsonNode v : JSON.readTree(result)) {
                List<String> where = new ArrayList<>();
                v.path("where").forEach(w -> where.add(w.asText()));
                violations.add(new Violation(page, v.path("id").asText(), v.path("impact").asText(), v.path("help").asText(),
                        where));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return violations;
    }

    private static String load() {
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
