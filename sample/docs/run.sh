#!/bin/sh
echo "a script with mode 0755"
