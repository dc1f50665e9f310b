"""What leaves the app as a file: the HTML report, the plan's spreadsheets and calendar, the
charts.
"""
