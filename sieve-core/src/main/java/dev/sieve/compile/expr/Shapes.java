package dev.sieve.compile.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sizes of index variables, inferred from the dimensions of the tensors bound to an assignment. */
public final class Shapes {
    private Shapes() {}

    /**
     * The size of every index of {@code a}, in the order of {@link Assignment#indices()}. Every input
     * tensor must be bound, with the rank of its accesses, and an index must have one size wherever it
     * is used. If the output tensor is bound too, its dimensions are checked the same way; tensors
     * that {@code a} does not use are ignored.
     *
     * @param tensorDims the dimensions of each tensor, by name
     * @throws IllegalArgumentException e.g. {@code index k is 64 in A(i,k) but 32 in B(k,j)},
     *     {@code A has rank 3 but is used as A(i,k)}, {@code no tensor bound to B}
     */
    public static Map<String, Integer> indexSizes(Assignment a, Map<String, int[]> tensorDims) {
        List<Access> accesses = new ArrayList<>(a.accesses());
        for (Access access : accesses) {
            if (tensorDims.get(access.tensor()) == null) {
                throw new IllegalArgumentException("no tensor bound to " + access.tensor());
            }
        }
        if (tensorDims.get(a.lhs().tensor()) != null) accesses.add(a.lhs());

        Map<String, Integer> sizes = new HashMap<>();
        Map<String, Access> sizedBy = new HashMap<>();
        for (Access access : accesses) {
            int[] dims = tensorDims.get(access.tensor());
            if (dims.length != access.rank()) {
                throw new IllegalArgumentException(access.tensor() + " has rank " + dims.length + " but is used as " + access);
            }
            for (int d = 0; d < dims.length; d++) {
                if (dims[d] < 0) {
                    throw new IllegalArgumentException("dimension " + d + " of " + access.tensor() + " is negative: "
                            + Arrays.toString(dims));
                }
                String index = access.indices().get(d);
                Integer known = sizes.putIfAbsent(index, dims[d]);
                sizedBy.putIfAbsent(index, access);
                if (known != null && known != dims[d]) {
                    throw new IllegalArgumentException("index " + index + " is " + known + " in " + sizedBy.get(index)
                            + " but " + dims[d] + " in " + access);
                }
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String index : a.indices()) ordered.put(index, sizes.get(index));
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * The dimensions of the output of {@code a}: the size of each of its indices.
     *
     * @throws IllegalArgumentException if an output index has no size, or a negative one
     */
    public static int[] outputDims(Assignment a, Map<String, Integer> sizes) {
        List<String> indices = a.lhs().indices();
        int[] dims = new int[indices.size()];
        for (int d = 0; d < dims.length; d++) {
            Integer size = sizes.get(indices.get(d));
            if (size == null) throw new IllegalArgumentException("no size for output index " + indices.get(d));
            if (size < 0) throw new IllegalArgumentException("output index " + indices.get(d) + " has negative size " + size);
            dims[d] = size;
        }
        return dims;
    }
}
