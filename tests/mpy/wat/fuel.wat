;; Loops long enough to need fuel.
(module
  (func (export "spin") (loop $l br $l))
  ;; sum of i*i mod 2^32 for i < n, with a call per iteration
  (func $sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)
  (func (export "sumsq") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (block $done (loop $l
      local.get $i local.get $n i32.ge_u br_if $done
      local.get $acc local.get $i call $sq i32.add local.set $acc
      local.get $i i32.const 1 i32.add local.set $i
      br $l))
    local.get $acc)
)
