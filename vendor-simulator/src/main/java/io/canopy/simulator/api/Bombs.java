package io.canopy.simulator.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip bombs for the {@code gzip_bomb} fault: a body of a few hundred KiB that inflates to the asked
 * size of blanks. Deflating hundreds of MiB costs seconds on a busy machine, more than a client's read
 * timeout, so a bomb is made once per size, when its fault is registered, and kept.
 */
public final class Bombs {

    private static final int CHUNK = 64 * 1024;
    private static final Map<Long, byte[]> MADE = new ConcurrentHashMap<>();

    private Bombs() {
    }

    public static byte[] gzip(long inflatedBytes) {
        return MADE.computeIfAbsent(inflatedBytes, Bombs::make);
    }

    private static byte[] make(long inflatedBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, CHUNK)) {
            byte[] blanks = " ".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII);
            for (long left = inflatedBytes; left > 0; left -= blanks.length) {
                gzip.write(blanks, 0, (int) Math.min(blanks.length, left));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
