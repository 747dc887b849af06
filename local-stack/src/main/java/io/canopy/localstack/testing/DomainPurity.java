package io.canopy.localstack.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A service's {@code domain} package is plain Java (DESIGN.md, STYLE.md): no Quarkus, Jakarta,
 * Hibernate, Jackson or Mutiny. This reads the package's sources (no ArchUnit, no class loading) and
 * lists every mention of those frameworks outside comments, imports and fully qualified names alike.
 * A service's test extends it and names its domain package; it runs in milliseconds.
 */
public abstract class DomainPurity {

    /** The frameworks a domain package must not mention. */
    public static final List<String> FORBIDDEN = List.of("io.smallrye", "com.fasterxml", "jakarta", "io.quarkus",
            "org.hibernate");

    private static final Pattern MENTION = Pattern.compile(
            "\\b(" + String.join("|", FORBIDDEN.stream().map(Pattern::quote).toList()) + ")\\.[\\w.*]+");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");

    /** The service's domain package, e.g. {@code io.canopy.collector.domain}. */
    protected abstract String domainPackage();

    /** Where the module's main sources are (the module's directory is the tests' working directory). */
    protected Path sourceRoot() {
        return Path.of("src", "main", "java");
    }

    @Test
    void domainMentionsNoFramework() {
        Path dir = sourceRoot().resolve(domainPackage().replace('.', '/'));
        assertTrue(Files.isDirectory(dir), "no domain package at " + dir.toAbsolutePath()
                + " (a check of nothing would pass)");
        List<String> found = violations(sourceRoot(), domainPackage());
        assertTrue(found.isEmpty(), "the domain must stay plain Java; move these to client/messaging/persistence"
                + " or replace them with plain types:\n  " + String.join("\n  ", found));
    }

    /** Every forbidden mention in the package and its subpackages, as {@code File.java: name}. */
    public static List<String> violations(Path sourceRoot, String domainPackage) {
        Path dir = sourceRoot.resolve(domainPackage.replace('.', '/'));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(Files.readString(file)).replaceAll(" "))
                        .replaceAll("");
                Matcher m = MENTION.matcher(code);
                while (m.find()) {
                    found.add(sourceRoot.relativize(file) + ": " + m.group());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
