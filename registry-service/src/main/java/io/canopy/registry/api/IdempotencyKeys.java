package io.canopy.registry.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.kit.api.ProblemException;
import io.canopy.kit.sealing.SealingConfig;
import io.canopy.registry.persistence.IdempotentRequestEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * {@code Idempotency-Key} on POSTs: the first successful answer to a key is stored; the same key
 * with the same body gets that answer again without a second effect, the same key with another
 * body gets 409. Bodies are fingerprinted with an HMAC (key derived from the sealing key), so a
 * stored fingerprint of a request carrying credentials reveals nothing about them. Answers that
 * show a secret once (new API keys) are not stored, so those endpoints do not take the header.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 200;

    @Inject
    ObjectMapper json;

    @Inject
    SealingConfig sealing;

    @Inject
    Clock clock;

    public Response once(String scope, String key, String operation, Object body, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest(HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String fingerprint = fingerprint(operation, body);
        IdempotentRequestEntity previous = IdempotentRequestEntity
                .findById(new IdempotentRequestEntity.Key(scope, key));
        if (previous != null) {
            if (!previous.requestHash.equals(fingerprint)) {
                throw ProblemException.conflict(HEADER + " '" + key + "' was already used with a different request");
            }
            return Response.status(previous.status).type(MediaType.APPLICATION_JSON).entity(previous.body)
                    .header(HEADER, key).build();
        }
        Response response = action.get();
        if (response.getStatus() < 300) {
            String stored = write(response.getEntity());
            QuarkusTransaction.requiringNew().run(() -> {
                if (IdempotentRequestEntity.findById(new IdempotentRequestEntity.Key(scope, key)) == null) {
                    IdempotentRequestEntity row = new IdempotentRequestEntity();
                    row.scope = scope;
                    row.key = key;
                    row.requestHash = fingerprint;
                    row.status = response.getStatus();
                    row.body = stored;
                    row.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    row.persist();
                }
            });
        }
        return response;
    }

    private String fingerprint(String operation, Object body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derivedKey(), "HmacSHA256"));
            mac.update(operation.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** HMAC(sealing key, purpose): a separate key for fingerprints, never the sealing key itself. */
    private byte[] derivedKey() throws GeneralSecurityException {
        String material = sealing.keys().get(sealing.activeKey());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(material.trim()), "HmacSHA256"));
        return mac.doFinal("canopy-registry idempotency fingerprints".getBytes(StandardCharsets.UTF_8));
    }

    private String write(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the answer (" + e.getClass().getSimpleName() + ")");
        }
    }
}
