package io.canopy.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainPurityTest {

    @TempDir
    Path root;

    private Path write(String relative, String code) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, code);
    }

    @Test
    void frameworkImportsAndQualifiedNamesInTheDomainAreReported() throws IOException {
        write("io/x/domain/A.java", "package io.x.domain;\nimport io.smallrye.mutiny.Uni;\nclass A {}\n");
        write("io/x/domain/inner/B.java", "package io.x.domain.inner;\nimport static jakarta.ws.rs.core.Response.ok;\n"
                + "class B { com.fasterxml.jackson.databind.JsonNode n; }\n");
        write("io/x/domain/C.java", "package io.x.domain;\nimport io.quarkus.runtime.Startup;\n"
                + "import org.hibernate.Session;\nclass C {}\n");

        assertThat(DomainPurity.violations(root, "io.x.domain")).containsExactly(
                "io/x/domain/A.java: io.smallrye.mutiny.Uni",
                "io/x/domain/C.java: io.quarkus.runtime.Startup",
                "io/x/domain/C.java: org.hibernate.Session",
                "io/x/domain/inner/B.java: jakarta.ws.rs.core.Response.ok",
                "io/x/domain/inner/B.java: com.fasterxml.jackson.databind.JsonNode");
    }

    @Test
    void plainJavaCommentsAndOtherPackagesPass() throws IOException {
        write("io/x/domain/A.java", "package io.x.domain;\nimport java.util.List;\n"
                + "/** Unlike {@link jakarta.ws.rs.Path}, nothing here. */\nclass A { // io.quarkus is at the edge\n}\n");
        write("io/x/api/R.java", "package io.x.api;\nimport jakarta.ws.rs.Path;\nclass R {}\n");

        assertThat(DomainPurity.violations(root, "io.x.domain")).isEmpty();
    }
}
