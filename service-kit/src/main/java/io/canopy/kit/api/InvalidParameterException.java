package io.canopy.kit.api;

import jakarta.ws.rs.BadRequestException;

/**
 * A path, query or header parameter that cannot be converted to its declared type. A
 * {@link jakarta.ws.rs.WebApplicationException} on purpose: Quarkus REST passes those through from
 * a parameter converter, whereas any other exception becomes a bare 404 (path and query
 * parameters) that names nothing. {@link ProblemMappers} answers it as a 400 problem+json.
 */
public class InvalidParameterException extends BadRequestException {

    private final transient Problem problem;

    public InvalidParameterException(ProblemException cause) {
        super(cause.getMessage());
        this.problem = cause.toProblem();
    }

    public Problem problem() {
        return problem;
    }
}
