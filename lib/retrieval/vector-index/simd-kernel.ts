// A WebAssembly SIMD kernel that scores every stored vector against one query,
// hand-assembled here from named opcodes so no wasm toolchain or binary blob is
// needed. Equivalent text format, for review:
//
//   (func $innerProducts (param $vec $count $dim $query $out i32)
//     for each row: acc0..acc3 = 0
//       for j in 0, 16, 32 .. < dim & -16: acc(u) += load4(vec + j + 4u) * load4(query + j + 4u)
//       s = sum of the 16 lanes; for the remaining j < dim: s += vec[j] * query[j]
//       out[row] = s; vec += dim)
//   $squaredDistances is the same with (v - q) * (v - q) in place of v * q.
//
// Opcodes: WebAssembly core spec 2.0, section 5.4 (instructions), SIMD in 5.4.8.

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const I32_CONST = 0x41;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const F32_LOAD = 0x2a;
const F32_STORE = 0x38;
const F32_ADD = 0x92;
const F32_SUB = 0x93;
const F32_MUL = 0x94;
const V128_LOAD = [0xfd, 0x00];
const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const F32X4_EXTRACT = [0xfd, 0x1f];
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_SUB = [0xfd, 0xe5, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];
/** memarg for 4-byte aligned float data (rows start on any float boundary). */
const at = (offset: number) => [2, offset];

// Local indices: the five parameters, then 4 x i32, 5 x v128 (ACC0..ACC0+3, DIFF), 2 x f32.
const [VEC, COUNT, DIM, QUERY, OUT] = [0, 1, 2, 3, 4];
const [OUT_END, SIMD_BYTES, J, ROW_BYTES] = [5, 6, 7, 8];
const [ACC0, DIFF] = [9, 13];
const [SUM, FDIFF] = [14, 15];
const LOCAL_DECLARATIONS = [3, 4, I32, 5, V128, 2, F32];
/** Floats per unrolled step: four 4-lane accumulators hide the add latency. */
const STEP_FLOATS = 16;

/** Instructions accumulating one 4-lane block `u` of the row into accumulator u. */
function simdStep(metric: "ip" | "l2", u: number): number[] {
  const load = (base: number) => [GET, base, GET, J, I32_ADD, ...V128_LOAD, ...at(u * 16)];
  const term = metric === "ip" ? [...load(VEC), ...load(QUERY), ...F32X4_MUL] : [...load(VEC), ...load(QUERY), ...F32X4_SUB, TEE, DIFF, GET, DIFF, ...F32X4_MUL];
  return [GET, ACC0 + u, ...term, ...F32X4_ADD, SET, ACC0 + u];
}

/** Instructions adding one float of the row's tail into SUM. */
function scalarStep(metric: "ip" | "l2"): number[] {
  const load = (base: number) => [GET, base, GET, J, I32_ADD, F32_LOAD, ...at(0)];
  const term = metric === "ip" ? [...load(VEC), ...load(QUERY), F32_MUL] : [...load(VEC), ...load(QUERY), F32_SUB, TEE, FDIFF, GET, FDIFF, F32_MUL];
  return [GET, SUM, ...term, F32_ADD, SET, SUM];
}

/** The body of one scoring function, without its size prefix. */
function functionBody(metric: "ip" | "l2"): number[] {
  const units = [0, 1, 2, 3];
  const lane = (i: number) => [GET, ACC0, ...F32X4_EXTRACT, i];
  return [
    ...LOCAL_DECLARATIONS,
    ...[GET, OUT, GET, COUNT, ...i32(2), I32_SHL, I32_ADD, SET, OUT_END],
    ...[GET, DIM, ...i32(2), I32_SHL, SET, ROW_BYTES],
    ...[GET, DIM, ...i32(-STEP_FLOATS), I32_AND, ...i32(2), I32_SHL, SET, SIMD_BYTES],
    ...BLOCK, ...LOOP,
    ...[GET, OUT, GET, OUT_END, I32_GE_U, BR_IF, 1],
    ...units.flatMap((u) => [...V128_ZERO, SET, ACC0 + u]),
    ...[...i32(0), SET, J],
    ...BLOCK, ...LOOP,
    ...[GET, J, GET, SIMD_BYTES, I32_GE_U, BR_IF, 1],
    ...units.flatMap((u) => simdStep(metric, u)),
    ...[GET, J, ...i32(STEP_FLOATS * 4), I32_ADD, SET, J, BR, 0],
    ...[END, END],
    ...[GET, ACC0, GET, ACC0 + 1, ...F32X4_ADD, GET, ACC0 + 2, GET, ACC0 + 3, ...F32X4_ADD, ...F32X4_ADD, SET, ACC0],
    ...[...lane(0), ...lane(1), F32_ADD, ...lane(2), F32_ADD, ...lane(3), F32_ADD, SET, SUM],
    ...BLOCK, ...LOOP,
    ...[GET, J, GET, ROW_BYTES, I32_GE_U, BR_IF, 1],
    ...scalarStep(metric),
    ...[GET, J, ...i32(4), I32_ADD, SET, J, BR, 0],
    ...[END, END],
    ...[GET, OUT, GET, SUM, F32_STORE, ...at(0)],
    ...[GET, OUT, ...i32(4), I32_ADD, SET, OUT, GET, VEC, GET, ROW_BYTES, I32_ADD, SET, VEC, BR, 0],
    ...[END, END, END],
  ];
}

/** i32.const with its signed LEB128 immediate. */
function i32(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const low = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (low & 0x40) === 0) || (value === -1 && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return [I32_CONST, ...bytes];
  }
}

/** Unsigned LEB128, the integer encoding of the wasm binary format. */
function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    const low = value & 0x7f;
    value >>>= 7;
    bytes.push(value === 0 ? low : low | 0x80);
  } while (value !== 0);
  return bytes;
}

const withSize = (bytes: number[]) => [...leb(bytes.length), ...bytes];
const section = (id: number, bytes: number[]) => [id, ...withSize(bytes)];
const name = (text: string) => withSize([...Buffer.from(text, "latin1")]);

/** The complete module: imports env.memory, exports innerProducts and squaredDistances. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x00, 0]),
    ...section(3, [2, 0, 0]),
    ...section(7, [2, ...name("innerProducts"), 0x00, 0, ...name("squaredDistances"), 0x00, 1]),
    ...section(10, [2, ...withSize(functionBody("ip")), ...withSize(functionBody("l2"))]),
  ]);
}

/** Writes one score per row of `count` vectors at byte `vectors` into the floats at byte `out`. */
export type ScoreKernel = (vectors: number, count: number, dimension: number, query: number, out: number) => void;

let compiled: WebAssembly.Module | undefined;

/** The two scoring functions bound to `memory`; the module is compiled once per process. */
export function instantiateSimdKernel(memory: WebAssembly.Memory): { innerProducts: ScoreKernel; squaredDistances: ScoreKernel } {
  compiled ??= new WebAssembly.Module(moduleBytes());
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  return exports as unknown as { innerProducts: ScoreKernel; squaredDistances: ScoreKernel };
}
