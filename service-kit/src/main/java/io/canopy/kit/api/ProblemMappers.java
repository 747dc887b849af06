package io.canopy.kit.api;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a client can cause becomes a problem+json naming the field (DESIGN.md rule 10);
 * only our own bugs are 500s, and those say nothing about internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** No token on an endpoint that needs one (the security layer's own answer has no body). */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e) {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized", "a valid bearer token is required")))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /**
     * A token that does not verify (forged, expired, wrong audience, unknown key): authentication
     * is lazy (kit default {@code quarkus.http.auth.proactive=false}), so the JWT mechanism's
     * failure reaches this mapper instead of leaving an empty 401. The reason stays in the server
     * log at debug level; the caller only learns that the token was refused.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized", "the bearer token was refused")))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "this token may not do that"));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail,
                errors.isEmpty() ? null : errors.get(0).field(), errors));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return respond(Problem.ofField(400, "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage(),
                "body"));
    }

    /**
     * Any other unreadable body: an end of input mid-document, or a document beyond Jackson's
     * read constraints (nesting depth, number or string length), which is the client's too.
     */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return unreadableJson(mapping);
        }
        return respond(Problem.ofField(400, "Malformed JSON", "the body cannot be read as JSON: " + e.getOriginalMessage(),
                "body"));
    }

    // One method per type: Quarkus ships its own mapper for MismatchedInputException, and the most
    // specific mapper wins, so each type we answer for is named here.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e) {
        String field = pathOf(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + unknown.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException format) {
            detail = "'" + format.getValue() + "' is not a valid " + simpleName(format.getTargetType());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            detail = "expected " + simpleName(mismatch.getTargetType());
        } else {
            detail = "cannot read the body";
        }
        return respond(Problem.ofField(400, "Invalid request", field.isEmpty() ? detail : field + ": " + detail,
                field.isEmpty() ? "body" : field));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST wraps an unreadable body in a 400; answer for the Jackson cause instead.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableJson(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException processing) {
            return unreadableBody(processing);
        }
        if (e.getCause() instanceof ProblemException problem) {
            return respond(problem.toProblem());
        }
        int status = e.getResponse().getStatus();
        // Quarkus REST turns a path or query parameter its converter cannot read into a bare 404;
        // ParameterConverters covers our types, this covers the rest: the request is wrong, not absent.
        if (status == 404 && e instanceof NotFoundException && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            return respond(Problem.ofField(400, "Invalid request", "a path or query parameter is malformed", "parameter"));
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(Problem.of(status, "Server error", "the request could not be completed"));
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        String detail = switch (status) {
            case 401 -> "a valid bearer token is required";
            case 403 -> "this credential may not do that";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "cannot produce the requested media type";
            case 415 -> "unsupported media type; send application/json";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        return respond(Problem.of(status, title, detail));
    }

    /** Our own bug: logged with an id the client can quote; nothing about internals in the answer. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String errorId = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, error id %s", errorId);
        return respond(Problem.of(500, "Server error", "the request could not be completed (error id " + errorId + ")"));
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Path of a resource-method parameter: method.argN.field... keep what the client sent.
        String last = null;
        StringBuilder path = new StringBuilder();
        int index = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            index++;
            if (index <= 2 && (node.getKind() == jakarta.validation.ElementKind.METHOD
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER)) {
                last = node.getName();
                continue;
            }
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(snakeCase(node.getName()));
        }
        return path.length() > 0 ? path.toString() : last == null ? "body" : snakeCase(last);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleName(Class<?> type) {
        return type.isEnum() ? "value (one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase() + ")"
                : type.getSimpleName();
    }

    static String snakeCase(String name) {
        return name == null ? "" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
