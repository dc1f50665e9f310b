"""The workbook as plain data: its structure, its field paths and the one error users see. Imports
nothing of inkl.
"""
