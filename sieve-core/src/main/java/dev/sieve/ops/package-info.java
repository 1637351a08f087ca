/**
 * The operator API over dense tensors: {@link dev.sieve.ops.Elementwise}, {@link dev.sieve.ops.Reductions},
 * {@link dev.sieve.ops.Softmax}, {@link dev.sieve.ops.Norms} and {@link dev.sieve.ops.MatMul}, also
 * reachable as instance methods of {@link dev.sieve.tensor.Tensor}.
 *
 * <p>Conventions shared by every op:
 * <ul>
 *   <li>Semantics follow PyTorch: NumPy broadcasting, negative axes count from the end, {@code keepDims}
 *       is {@code keepdim}, NaN propagates through max and softmax and wins argmax.</li>
 *   <li>Inputs are never modified; results are new contiguous tensors (the {@code ...Into} forms
 *       write to a tensor the caller provides).</li>
 *   <li>Bad shapes or axes throw IllegalArgumentException naming the shapes involved.</li>
 *   <li>Work is computed by the kernels from {@link dev.sieve.kernel.VectorizationProvider#get()} and
 *       split between threads only when each thread gets enough to do. Every output element is
 *       computed by one thread in a fixed order, so results do not depend on the thread count
 *       (GEMM excepted: it fixes its order per thread count).</li>
 * </ul>
 */
package dev.sieve.ops;
