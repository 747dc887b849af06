package io.canopy.collector.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** Feeds the bytes in small network-like chunks, as Vert.x hands them over. */
    static void feed(BoundedBody body, byte[] wire, int chunk) throws Exception {
        for (int at = 0; at < wire.length; at += chunk) {
            body.append(Arrays.copyOfRange(wire, at, Math.min(wire.length, at + chunk)));
        }
    }

    @Test
    void aGzipBodyIsInflatedAcrossChunkBoundariesIncludingTheHeader() throws Exception {
        byte[] json = "{\"IsValid\":true,\"Result\":[1,2,3]}".repeat(100).getBytes(StandardCharsets.UTF_8);
        BoundedBody body = new BoundedBody("gzip", 1024 * 1024);
        feed(body, gzip(json), 3);
        assertThat(body.text()).isEqualTo(new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void aGzipBombStopsAtTheCapWithoutInflatingTheRest() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, ~64 KiB on the wire
        BoundedBody body = new BoundedBody("gzip", 1024 * 1024);
        assertThatThrownBy(() -> feed(body, bomb, 16 * 1024)).isInstanceOf(BoundedBody.TooLarge.class);
        assertThat(body.size()).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void anIdentityBodyIsCountedToo() throws Exception {
        BoundedBody body = new BoundedBody(null, 10);
        body.append("0123456789".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> body.append(new byte[] { 'x' })).isInstanceOf(BoundedBody.TooLarge.class);
    }

    @Test
    void deflateIsReadWhetherZlibWrappedOrRaw() throws Exception {
        byte[] plain = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
            out.write(plain);
        }
        BoundedBody wrapped = new BoundedBody("deflate", 100);
        feed(wrapped, zlib.toByteArray(), 1);
        assertThat(wrapped.text()).isEqualTo("[{\"id\":1}]");

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(raw, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            out.write(plain);
        }
        BoundedBody bare = new BoundedBody("deflate", 100);
        feed(bare, raw.toByteArray(), 4);
        assertThat(bare.text()).isEqualTo("[{\"id\":1}]");
    }

    @Test
    void corruptOrUnofferedEncodingsAreUndecodable() {
        assertThatThrownBy(() -> new BoundedBody("br", 100)).isInstanceOf(BoundedBody.Undecodable.class);
        assertThatThrownBy(() -> new BoundedBody("gzip", 100).append("not gzip at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(BoundedBody.Undecodable.class);
    }
}
