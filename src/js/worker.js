// The Annex A worker, served build: a module worker. boot.js starts it from a blob: URL that
// imports this file (as worker-<hash>.js, hashed names filled in by scripts/postbuild.py).
// The messages it takes and sends are described in worker-handler.js.
import __wbg_init, { annex_check, annex_take_bytes, annex_warm } from './__GLUE__';

// worker-handler.js, pasted in by scripts/postbuild.py:
__WORKER_HANDLER__
