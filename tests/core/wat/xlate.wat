;; Module for tests/core/test_core_xlate.py: the cases the translation tier
;; treats specially (values still naming a local, retargeted results, fused
;; compare-and-branch, branches that move values, multi-value returns), each
;; with a result the test knows.
(module
  (memory 1)
  ;; a pushed local.get must keep the old value when the local is set after it
  (func (export "stale") (param i32) (result i32)
    (local.get 0)
    (local.set 0 (i32.const 100))
    (local.get 0)
    (i32.sub))                                  ;; x - 100
  ;; tee into a local that is still on the stack
  (func (export "tee") (param i32) (result i32)
    (local.get 0)
    (local.tee 0 (i32.mul (local.get 0) (i32.const 3)))
    (i32.add))                                  ;; x + 3x
  ;; results swapped through locals
  (func (export "swap") (param i32 i32) (result i32 i32)
    (local.get 1) (local.get 0))
  ;; br_if carrying a value out of a block, from a comparison with a constant
  (func (export "clamp") (param i32) (result i32)
    (block (result i32)
      (br_if 0 (i32.const 10) (i32.gt_s (local.get 0) (i32.const 10)))
      (drop)
      (local.get 0)))
  ;; br_table to labels of different heights, carrying a value
  (func (export "pick") (param i32) (result i32)
    (i32.add (i32.const 1000)
      (block (result i32)
        (i32.mul (i32.const 2)
          (block (result i32)
            (i32.add (i32.const 5)
              (block (result i32)
                (br_table 0 1 2 (i32.const 7) (local.get 0)))))))))
  ;; a counted loop whose condition is fused (eqz + br_if) and a constant above 16 bits
  (func (export "sum") (param i32) (result i32) (local i32)
    (block
      (loop
        (br_if 1 (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (i32.const 100000)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br 0)))
    (local.get 1))
  ;; if/else with a parameter, and select
  (func (export "ifparam") (param i32) (result i32)
    (i32.const 6)
    (if (param i32) (result i32) (local.get 0)
      (then (i32.mul (i32.const 7)))
      (else (i32.sub (i32.const 1))))
    (select (i32.const -1) (local.get 0) (i32.lt_s (local.get 0) (i32.const 0)))
    (i32.add))
  ;; loads and stores, one past the end traps at the load
  (func (export "poke") (param i32 i32) (result i32)
    (i32.store offset=4 (local.get 0) (local.get 1))
    (i32.load offset=4 (local.get 0)))
  (func $inner (param i32) (result i32)
    (i32.load offset=65532 (local.get 0)))
  (func (export "outer") (param i32) (result i32)
    (i32.add (i32.const 1) (call $inner (local.get 0))))
  ;; i64, f64 and conversions (numeric.c in compact builds): results, and
  ;; traps in the middle of an expression
  (func (export "mix") (param i64 i64 f64) (result i64)
    (i64.add
      (i64.div_s (i64.mul (local.get 0) (i64.const 3)) (local.get 1))
      (i64.trunc_f64_s (f64.mul (local.get 2) (f64.convert_i64_s (local.get 1))))))
  ;; i32: the hot instructions (a handler each in translated code, immediate
  ;; forms for constants: rotl by k runs as rotr by -k) and the rest (numeric.c
  ;; in compact builds), with traps
  (func (export "bits") (param i32 i32) (result i32)
    (i32.add
      (i32.xor
        (i32.xor (i32.rotl (local.get 0) (i32.const 5)) (i32.rotr (local.get 0) (i32.const 13)))
        (i32.xor (i32.rotl (local.get 0) (local.get 1)) (i32.rotr (local.get 0) (local.get 1))))
      (i32.add
        (i32.add (i32.sub (local.get 0) (i32.const 7)) (i32.div_s (local.get 0) (local.get 1)))
        (i32.add (i32.add (i32.clz (local.get 0)) (i32.popcnt (local.get 1)))
                 (i32.extend8_s (local.get 0)))))))
