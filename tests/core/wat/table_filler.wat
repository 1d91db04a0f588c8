;; Imports table_owner's table; its second element segment is out of bounds,
;; so instantiation traps after the first one was applied.
(module
  (table (import "owner" "tab") 10 funcref)
  (func $f (result i32) (i32.const 42))
  (elem (i32.const 7) $f)
  (elem (i32.const 8) $f $f $f $f $f))
