# Sourced by the launchers (scripts/digit-ocr, scripts/extract-job, scripts/train-job) and .ci/run.
# ND4J's OpenBLAS (0.3.19) does not recognise CPUs newer than itself (Sapphire Rapids and later Xeons among
# them) and then runs its generic "Prescott" kernels: sgemm about 10x slower. When OPENBLAS_CORETYPE is not set
# already, pick the kernels from the CPU's own flags: SkylakeX where AVX-512 (F, DQ, BW, VL) is there, Haswell
# where AVX2 and FMA are; otherwise leave OpenBLAS's own choice.
openblas_coretype() {
  [ -r /proc/cpuinfo ] || return 0
  local flags f
  flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 || true) "
  has() { for f in "$@"; do [[ "$flags" == *" $f "* ]] || return 1; done; }
  if has avx512f avx512dq avx512bw avx512vl; then
    echo SkylakeX
  elif has avx2 fma; then
    echo Haswell
  fi
}
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  OPENBLAS_CORETYPE="$(openblas_coretype)"
  if [ -n "$OPENBLAS_CORETYPE" ]; then export OPENBLAS_CORETYPE; else unset OPENBLAS_CORETYPE; fi
fi
