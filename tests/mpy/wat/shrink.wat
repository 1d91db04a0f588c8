;; A module built for 64 KiB pages that never grows its memory and says where its
;; data ends (__heap_base), as C toolchains emit: it can run in less than a page.
(module
  (memory (export "memory") 1)
  (global (export "__heap_base") i32 (i32.const 3000))
  (data (i32.const 100) "abc")
  (func (export "load8") (param i32) (result i32) local.get 0 i32.load8_u)
)
