package dev.sieve.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DTypeTest {
    @Test
    void numpyDescrsMatchWhatNumpyWrites() {
        assertEquals("<f4", DType.FLOAT32.numpyDescr(ByteOrder.LITTLE_ENDIAN));
        assertEquals(">f8", DType.FLOAT64.numpyDescr(ByteOrder.BIG_ENDIAN));
        assertEquals("<i4", DType.INT32.numpyDescr(ByteOrder.LITTLE_ENDIAN));
        assertEquals(">i8", DType.INT64.numpyDescr(ByteOrder.BIG_ENDIAN));
        assertEquals("|u1", DType.UINT8.numpyDescr(ByteOrder.BIG_ENDIAN));
        assertEquals("|b1", DType.BOOL.numpyDescr(ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void lookupByKindAndSize() {
        for (DType t : DType.values()) assertEquals(Optional.of(t), DType.fromNumpy(t.numpyKind(), t.byteSize()));
        assertEquals(Optional.empty(), DType.fromNumpy('f', 2));
        assertEquals(Optional.empty(), DType.fromNumpy('c', 8));
    }

    @Test
    void fitsChecksTheIntegralRange() {
        assertTrue(DType.UINT8.fits(255));
        assertFalse(DType.UINT8.fits(256));
        assertFalse(DType.UINT8.fits(-1));
        assertTrue(DType.BOOL.fits(1));
        assertFalse(DType.BOOL.fits(2));
        assertTrue(DType.INT32.fits(Integer.MIN_VALUE));
        assertFalse(DType.INT32.fits(1L << 31));
        assertTrue(DType.INT64.fits(Long.MIN_VALUE));
        assertThrows(UnsupportedOperationException.class, () -> DType.FLOAT32.fits(0));
    }

    @Test
    void labelsAreNumpyNames() {
        assertEquals("float32", DType.FLOAT32.label());
        assertEquals("bool", DType.BOOL.label());
        assertTrue(DType.FLOAT64.isFloatingPoint());
        assertTrue(DType.BOOL.isIntegral());
    }
}
