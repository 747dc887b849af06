package io.canopy.certificate.service;

import java.util.List;
import java.util.UUID;

/** What one pass of the closer did: periods it sealed, certificates it issued (others had no pages). */
public record CloseReport(int periodsClosed, List<UUID> certificatesIssued) {
}
