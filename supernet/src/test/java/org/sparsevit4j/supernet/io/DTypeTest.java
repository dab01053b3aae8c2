package org.sparsevit4j.supernet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void byteSizes() {
        assertEquals(8, DType.F64.byteSize());
        assertEquals(4, DType.F32.byteSize());
        assertEquals(2, DType.F16.byteSize());
        assertEquals(2, DType.BF16.byteSize());
        assertEquals(8, DType.I64.byteSize());
        assertEquals(4, DType.I32.byteSize());
        assertEquals(2, DType.I16.byteSize());
        assertEquals(1, DType.I8.byteSize());
        assertEquals(1, DType.U8.byteSize());
        assertEquals(1, DType.BOOL.byteSize());
        assertEquals(8, DType.U64.byteSize());
        assertEquals(4, DType.U32.byteSize());
        assertEquals(2, DType.U16.byteSize());
        assertEquals(1, DType.F8_E4M3.byteSize());
        assertEquals(1, DType.F8_E5M2.byteSize());
    }

    @Test
    void floatingPointKinds() {
        assertTrue(DType.BF16.isFloatingPoint());
        assertTrue(DType.F8_E5M2.isFloatingPoint());
        assertFalse(DType.BOOL.isFloatingPoint());
        assertFalse(DType.U64.isFloatingPoint());
    }

    @Test
    void namesAreExact() {
        assertEquals(Optional.of(DType.BF16), DType.fromName("BF16"));
        assertEquals(Optional.of(DType.F8_E4M3), DType.fromName("F8_E4M3"));
        assertEquals(Optional.empty(), DType.fromName("bf16"));
        assertEquals(Optional.empty(), DType.fromName("F12"));
        assertEquals(Optional.empty(), DType.fromName(null));
    }
}
