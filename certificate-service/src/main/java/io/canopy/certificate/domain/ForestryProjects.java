package io.canopy.certificate.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The forestry project a certificate names. Round-robin takes the issue sequence number (kept by
 * the caller in the same transaction as the certificate, so a re-run after a crash picks the same
 * one); per-dealer uses the dealer's configured project or, without one, a stable hash of the
 * dealer id, so the choice never changes between restarts or replicas.
 */
public final class ForestryProjects {

    private final List<String> projects;
    private final ProjectChoice choice;
    private final Map<UUID, String> dealerProjects;

    public ForestryProjects(List<String> projects, ProjectChoice choice, Map<UUID, String> dealerProjects) {
        if (projects.isEmpty() || projects.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new IllegalArgumentException("forestry-projects needs at least one non-blank project name");
        }
        this.projects = List.copyOf(projects);
        this.choice = choice;
        this.dealerProjects = Map.copyOf(dealerProjects);
    }

    /**
     * @param issueSequence 0-based number of this certificate among all issued (round-robin only)
     */
    public String choose(UUID dealerId, long issueSequence) {
        return switch (choice) {
            case ROUND_ROBIN -> projects.get((int) Math.floorMod(issueSequence, (long) projects.size()));
            case PER_DEALER -> dealerProjects.getOrDefault(dealerId, projects.get(stableIndex(dealerId)));
        };
    }

    public ProjectChoice strategy() {
        return choice;
    }

    private int stableIndex(UUID dealerId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dealerId.toString().getBytes(StandardCharsets.US_ASCII));
            return (int) Math.floorMod(ByteBuffer.wrap(hash).getLong(), (long) projects.size());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
