package dev.sieve.compile.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapesTest {
    private static final Assignment MATMUL = Parser.parse("C(i,j) = A(i,k) * B(k,j)");

    private static String error(Assignment a, Map<String, int[]> dims) {
        return assertThrows(IllegalArgumentException.class, () -> Shapes.indexSizes(a, dims)).getMessage();
    }

    @Test
    void matmulSizesInIndexOrder() {
        Map<String, Integer> sizes = Shapes.indexSizes(MATMUL, Map.of("A", new int[] {2, 3}, "B", new int[] {3, 4}));
        assertEquals(List.of("i", "j", "k"), List.copyOf(sizes.keySet()));
        assertEquals(List.of(2, 4, 3), List.copyOf(sizes.values()));
        assertArrayEquals(new int[] {2, 4}, Shapes.outputDims(MATMUL, sizes));
    }

    @Test
    void mismatchedIndexSize() {
        assertEquals("index k is 64 in A(i,k) but 32 in B(k,j)",
                error(MATMUL, Map.of("A", new int[] {8, 64}, "B", new int[] {32, 4})));
        assertEquals("index j is 4 in A(i,j) but 3 in A(j,i)",
                error(Parser.parse("C(i) = A(i,j) * A(j,i)"), Map.of("A", new int[] {3, 4})));
    }

    @Test
    void wrongRankAndMissingTensor() {
        assertEquals("A has rank 3 but is used as A(i,k)",
                error(MATMUL, Map.of("A", new int[] {2, 3, 4}, "B", new int[] {3, 4})));
        assertEquals("no tensor bound to B", error(MATMUL, Map.of("A", new int[] {2, 3})));
        assertEquals("dimension 1 of B is negative: [3, -4]",
                error(MATMUL, Map.of("A", new int[] {2, 3}, "B", new int[] {3, -4})));
    }

    @Test
    void boundOutputIsChecked() {
        assertEquals("index j is 4 in B(k,j) but 5 in C(i,j)",
                error(MATMUL, Map.of("A", new int[] {2, 3}, "B", new int[] {3, 4}, "C", new int[] {2, 5})));
        assertEquals("C has rank 1 but is used as C(i,j)",
                error(MATMUL, Map.of("A", new int[] {2, 3}, "B", new int[] {3, 4}, "C", new int[] {2})));
        Shapes.indexSizes(MATMUL, Map.of("A", new int[] {2, 3}, "B", new int[] {3, 4}, "C", new int[] {2, 4}, "Z", new int[] {9}));
    }

    @Test
    void rankZeroAndEmptyDimensions() {
        Assignment scalar = Parser.parse("s = a * A(i)");
        Map<String, Integer> sizes = Shapes.indexSizes(scalar, Map.of("a", new int[] {}, "A", new int[] {0}));
        assertEquals(Map.of("i", 0), sizes);
        assertArrayEquals(new int[] {}, Shapes.outputDims(scalar, sizes));
        assertArrayEquals(new int[] {0, 4},
                Shapes.outputDims(MATMUL, Shapes.indexSizes(MATMUL, Map.of("A", new int[] {0, 3}, "B", new int[] {3, 4}))));
    }

    @Test
    void outputDimsNeedEverySize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.outputDims(MATMUL, Map.of("i", 2)));
        assertEquals("no size for output index j", e.getMessage());
    }
}
