;; Functions, globals, memory and multi-value results for the binding's tests.
(module
  (memory (export "memory") 1024 4096 (pagesize 1))
  (global (export "counter") (mut i32) (i32.const 7))
  (global (export "big") i64 (i64.const -9223372036854775808))
  (global (export "ratio") (mut f64) (f64.const 0.5))
  (data (i32.const 16) "hello, wasm")
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_s
    if (result i32) local.get 0
    else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end)
  (func (export "add32") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "add64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add)
  (func (export "mulf32") (param f32 f32) (result f32) local.get 0 local.get 1 f32.mul)
  (func (export "divf64") (param f64 f64) (result f64) local.get 0 local.get 1 f64.div)
  (func (export "swap") (param i32 i64) (result i64 i32) local.get 1 local.get 0)
  (func (export "bump") (result i32)
    global.get 0 i32.const 1 i32.add global.set 0 global.get 0)
  (func (export "load8") (param i32) (result i32) local.get 0 i32.load8_u)
  (func (export "store8") (param i32 i32) local.get 0 local.get 1 i32.store8)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "size") (result i32) memory.size)
)
