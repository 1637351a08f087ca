package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void parsesEveryName() {
        assertEquals(Layout.DENSE, Layout.parse("dense"));
        assertEquals(Layout.COO, Layout.parse("coo"));
        assertEquals(Layout.CSR, Layout.parse(" CSR "));
        assertEquals(Layout.CSC, Layout.parse("csc"));
        assertEquals(Layout.MASKED, Layout.parse("masked"));
        assertEquals(new Layout.Bsr(4, 8), Layout.parse("bsr:4x8"));
        assertEquals(new Layout.Nm(2, 4), Layout.parse("nm:2:4"));
        assertEquals(new Layout.Nmg(2, 4, 8), Layout.parse("nmg:2:4:8"));
        assertEquals(new Layout.TileWise(128), Layout.parse("tw:128"));
    }

    @Test
    void toStringRoundTrips() {
        for (String s : new String[] {"dense", "coo", "csr", "csc", "masked", "bsr:1x16", "nm:1:1", "nm:4:8", "nmg:1:4:3",
                "nmg:3:7:10", "tw:1"}) {
            assertEquals(s, Layout.parse(s).toString());
        }
    }

    @Test
    void impliedSparsity() {
        assertEquals(0.5, Layout.parse("nm:2:4").impliedSparsity().orElseThrow(), 1e-12);
        assertEquals(0.75, Layout.parse("nmg:1:4:2").impliedSparsity().orElseThrow(), 1e-12);
        assertTrue(Layout.parse("csr").impliedSparsity().isEmpty());
        assertTrue(Layout.parse("tw:64").impliedSparsity().isEmpty());
    }

    @Test
    void nmgChunkGeometry() {
        Layout.Nmg l = new Layout.Nmg(2, 4, 8);
        assertEquals(6, l.patternCount());
        assertEquals(48, l.chunkWidth());
    }

    @Test
    void rejectsBadNames() {
        assertRejected("unknown layout", () -> Layout.parse("ell"));
        assertRejected("the form is bsr:RxC", () -> Layout.parse("bsr:4"));
        assertRejected("missing parameters", () -> Layout.parse("nm"));
        assertRejected("takes no parameters", () -> Layout.parse("csr:2"));
        assertRejected("not a positive integer", () -> Layout.parse("nm:-1:4"));
        assertRejected("not a positive integer", () -> Layout.parse("tw:"));
        assertRejected("not a positive integer", () -> Layout.parse("tw:99999999999"));
        assertRejected("n <= m", () -> Layout.parse("nm:5:4"));
        assertRejected("must be >= 1", () -> Layout.parse("nm:0:4"));
        assertRejected("must be >= 1", () -> Layout.parse("bsr:0x4"));
        assertRejected("must be >= 1", () -> Layout.parse("tw:0"));
        assertRejected("16 bits", () -> Layout.parse("nmg:8:16:3"));
        assertRejected("16 bits", () -> Layout.parse("nmg:2:4:5462"));
        assertEquals(32766, ((Layout.Nmg) Layout.parse("nmg:2:4:5461")).chunkWidth());
        assertRejected("expected one of dense, coo", () -> Layout.parse("nope"));
    }
}
