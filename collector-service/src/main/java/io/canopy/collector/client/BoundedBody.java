package io.canopy.collector.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A vendor's response body, collected chunk by chunk as it arrives and counted AFTER decompression,
 * so neither a huge body nor a gzip bomb (a few KiB that inflate to gigabytes) can take the heap.
 *
 * <p>Why we decompress ourselves instead of letting Vert.x/Netty do it: Netty's decompressor inflates
 * each network read completely before handing it on (one 64 KiB read of a bomb is ~64 MiB at once,
 * before any cap of ours could look). Here the inflater writes into a fixed {@value #STEP}-byte window
 * and the count is checked after every window, so memory is bounded by the cap plus one window.
 * {@code gzip}, {@code x-gzip}, {@code deflate} (zlib, or raw as some servers send) and identity are
 * understood; any other encoding is refused (we only ever offer gzip and deflate).
 */
public final class BoundedBody {

    /** The body grew past the cap (decoded bytes). */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The compressed stream is corrupt, or uses an encoding we never asked for. */
    public static final class Undecodable extends Exception {
        private static final long serialVersionUID = 1L;

        Undecodable(String message) {
            super(message, null, false, false);
        }
    }

    private enum Encoding {
        IDENTITY, GZIP, DEFLATE
    }

    private static final int STEP = 64 * 1024;
    private static final int GZIP_HEADER = 10;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FHCRC = 2;

    private final long cap;
    private final Encoding encoding;
    /** The decoded bytes; its array is handed on as it is (no copy, no String) to the JSON parser. */
    private static final class Decoded extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }

    private final Decoded decoded = new Decoded();
    private final byte[] window = new byte[STEP];
    private Inflater inflater;
    /** Compressed bytes held back until the gzip header (or the zlib/raw decision) can be made. */
    private byte[] pending = new byte[0];
    private boolean finished;

    /**
     * @param contentEncoding the response's Content-Encoding header, null for none
     * @param cap             the most decoded bytes accepted
     */
    public BoundedBody(String contentEncoding, long cap) throws Undecodable {
        this.cap = cap;
        String value = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        this.encoding = switch (value) {
            case "", "identity" -> Encoding.IDENTITY;
            case "gzip", "x-gzip" -> Encoding.GZIP;
            case "deflate" -> Encoding.DEFLATE;
            default -> throw new Undecodable("the vendor answered with an unsupported Content-Encoding");
        };
    }

    /** Adds one chunk of the body as received on the wire. */
    public void append(byte[] chunk) throws TooLarge, Undecodable {
        if (encoding == Encoding.IDENTITY) {
            if (decoded.size() + (long) chunk.length > cap) {
                throw new TooLarge();
            }
            decoded.write(chunk, 0, chunk.length);
            return;
        }
        if (finished) {
            return; // gzip trailer (CRC, length) or trailing garbage: nothing more to inflate
        }
        if (inflater == null) {
            pending = concat(pending, chunk);
            int start = encoding == Encoding.GZIP ? gzipHeaderLength(pending) : (pending.length >= 2 ? 0 : -1);
            if (start < 0) {
                return; // header still incomplete
            }
            inflater = new Inflater(encoding == Encoding.GZIP || !looksLikeZlib(pending));
            inflater.setInput(pending, start, pending.length - start);
            pending = null;
        } else {
            inflater.setInput(chunk);
        }
        inflate();
    }

    /** The whole body as text (UTF-8). */
    public String text() {
        return decoded.toString(StandardCharsets.UTF_8);
    }

    /**
     * The whole body, decoded, without a copy: the first {@link #size()} bytes of this array. Vendor
     * JSON is parsed from here, so a page is never held a second time as a String (UTF-16 or Latin-1).
     */
    public byte[] array() {
        return decoded.array();
    }

    /** Decoded bytes so far. */
    public long size() {
        return decoded.size();
    }

    private void inflate() throws TooLarge, Undecodable {
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(window);
                if (n == 0) {
                    break; // needs a dictionary (never offered) or more input
                }
                if (decoded.size() + (long) n > cap) {
                    end();
                    throw new TooLarge();
                }
                decoded.write(window, 0, n);
            }
            if (inflater.finished()) {
                finished = true;
                end();
            }
        } catch (DataFormatException e) {
            end();
            throw new Undecodable("the vendor's compressed body is corrupt");
        }
    }

    /** Frees the inflater's native memory; safe to call more than once. */
    public void end() {
        if (inflater != null) {
            inflater.end();
        }
    }

    /** The length of a complete gzip member header at the start of {@code b}, or -1 while incomplete. */
    static int gzipHeaderLength(byte[] b) throws Undecodable {
        if (b.length < GZIP_HEADER) {
            return -1;
        }
        if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            throw new Undecodable("the vendor's gzip body has no gzip header");
        }
        int flags = b[3] & 0xff;
        int at = GZIP_HEADER;
        if ((flags & FEXTRA) != 0) {
            if (b.length < at + 2) {
                return -1;
            }
            at += 2 + ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
        }
        for (int flag : new int[] { FNAME, FCOMMENT }) {
            if ((flags & flag) != 0) {
                while (at < b.length && b[at] != 0) {
                    at++;
                }
                if (at >= b.length) {
                    return -1;
                }
                at++;
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        return at <= b.length ? at : -1;
    }

    /** A zlib stream starts with CMF/FLG whose 16-bit value is a multiple of 31 and method 8. */
    private static boolean looksLikeZlib(byte[] b) {
        int cmf = b[0] & 0xff;
        int flg = b[1] & 0xff;
        return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
