/*
 * sparsevit4j: lets the oneMKL that is statically linked into libtorch use its AVX-512 kernels on
 * AMD CPUs. oneMKL picks its code path by asking this internal function whether the CPU is an
 * Intel one; on AMD it answers no and MKL falls back to slower generic kernels for every float32
 * matrix product (every linear layer of the model). Preloaded (LD_PRELOAD), this definition is
 * found first and answers yes; MKL then checks the instruction sets the CPU reports as usual.
 *
 * Measured on this project's AMD EPYC (AVX-512): Swin-T at 672, dense, one thread, 3,072 -> 1,512 ms;
 * parity with torchvision unchanged. Built by the Maven build where a C compiler exists
 * (target/native/libsparsevit-mkl-intel-cpu.so), never committed as a binary. The launcher preloads
 * it on AMD CPUs only; on Intel CPUs MKL already answers yes by itself.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
