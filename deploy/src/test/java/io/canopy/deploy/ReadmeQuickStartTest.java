package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The first thing a user meets: the README's quick start is exactly two commands on a machine with
 * only a JDK — the demo and every test. Everything else (benches, up/down) is documented further down.
 */
class ReadmeQuickStartTest {

    @Test
    void theQuickStartIsTheDemoAndTheTestsNothingElse() {
        String readme = Repo.read(Repo.root().resolve("README.md"));
        int section = readme.indexOf("## Quick start");
        assertThat(section).as("a Quick start section").isNotNegative();
        int open = readme.indexOf("```bash\n", section);
        int close = readme.indexOf("```", open + 8);
        assertThat(open).as("its command block").isPositive();
        List<String> commands = Arrays.stream(readme.substring(open + 8, close).split("\n"))
                .map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty()).toList();

        assertThat(commands).containsExactly("./canopy demo", "./mvnw -B verify");
    }
}
