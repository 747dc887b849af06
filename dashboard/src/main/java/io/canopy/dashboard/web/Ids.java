package io.canopy.dashboard.web;

import java.util.UUID;

import io.canopy.dashboard.client.ServiceProblem;

/** Ids in page paths: anything that is not a UUID is a "not found" page, never passed on to a service. */
final class Ids {

    private Ids() {
    }

    static String uuid(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ServiceProblem(404, "not found");
        }
    }
}
