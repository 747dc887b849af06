package io.canopy.dashboard.client;

/**
 * A service answered with an error (problem+json): its status and the sentence meant for people
 * ({@code detail}, else {@code title}). Pages show the sentence; 401 sends the user to sign in again,
 * 404 becomes the dashboard's own "not found" page.
 */
public class ServiceProblem extends RuntimeException {

    private final int status;

    public ServiceProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
