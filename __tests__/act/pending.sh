# Sourced. PENDING_INPUTS: the inputs the workflows here use that action.yml does not define yet (other
# issues add them). While one is pending, actionlint is told to accept it in `with:` and the act runs
# skip what needs it; once action.yml defines it, it drops out of this list and everything turns on.
PENDING_INPUTS=()
for input in qemu keep-state; do
  grep -q "^  $input:" action.yml || PENDING_INPUTS+=("$input")
done
