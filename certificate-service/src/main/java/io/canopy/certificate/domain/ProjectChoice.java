package io.canopy.certificate.domain;

/** How a certificate's forestry project is chosen from the configured list. */
public enum ProjectChoice {
    /** Certificates take the projects in turn, in the order they are issued. */
    ROUND_ROBIN,
    /** All of a dealer's certificates fund one project: the dealer's configured one, else a stable pick. */
    PER_DEALER
}
