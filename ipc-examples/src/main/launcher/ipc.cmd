@echo off
rem Launches the ipc tool from the jar beside this script.
java -jar "%~dp0ipc.jar" %*
