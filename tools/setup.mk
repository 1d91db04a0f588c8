# `make setup`: everything the project needs, installed and pinned (tools/setup.sh).
.PHONY: setup
setup:
	bash $(ROOT)/tools/setup.sh
